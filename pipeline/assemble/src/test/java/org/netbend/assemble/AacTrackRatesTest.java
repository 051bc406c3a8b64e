package org.netbend.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Any input rate from 1 kHz to 384 kHz becomes a track AAC can hold, at the nearest AAC rate not below it. */
class AacTrackRatesTest {
    @TempDir Path temp;

    @ParameterizedTest(name = "{0} Hz is encoded at {1} Hz")
    @CsvSource({"1000, 7350", "7350, 7350", "44100, 44100", "50000, 64000", "192000, 96000", "384000, 96000"})
    void everyRateFrom1To384KHzIsEncoded(int inputRate, int encodedRate) throws Exception {
        Path wav = TestMedia.sineWav(temp.resolve("in.wav"), 1.0, inputRate);
        Path m4a = temp.resolve("out.m4a");

        AacTrack.encode(wav, m4a, 1.0);

        AacTrack.Info info = AacTrack.probe(m4a);
        assertEquals(encodedRate, info.sampleRate());
        assertEquals(1.0, info.seconds(), info.frameSeconds(), "as long as asked");
    }

    @Test
    void ratesOutsideTheRangeAreRefusedByName() {
        AssembleException low = assertThrows(AssembleException.class, () -> AacTrack.encodedRate(999));
        assertTrue(low.getMessage().contains("999 Hz") && low.getMessage().contains("1000..384000"), low.getMessage());
        assertThrows(AssembleException.class, () -> AacTrack.encodedRate(384_001));
    }

    @Test
    void theTrackGetsTheUsualPermissionsNotOwnerOnly() throws Exception {
        Path wav = TestMedia.sineWav(temp.resolve("in.wav"), 0.5, 44_100);
        Path m4a = temp.resolve("out.m4a");
        AacTrack.encode(wav, m4a, 0.5);
        Path plain = Files.createFile(temp.resolve("plain")); // what the umask gives a new file
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(m4a));
    }
}
