package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;

/** render checks site bends' channel targets against the model's sites before any work (one line, exit 2). */
class RenderSiteChannelsTest {
    @TempDir Path temp;

    @Test
    void aChannelRangeOutsideTheSiteIsRefusedWithTheSitesChannelCount() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.1, 0.1, 0.1);
        CliRun run = render(audio, "threshold@every/mid:channels(0..63)=rms[0..1]");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("site 'mid' has 4 channels (0..3), so the target channels 0..63 lie outside it"),
                run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(Files.exists(temp.resolve("o.mp4")));
    }

    @Test
    void aChannelMatrixOverChannelsThatDoNotSplitIntoFourGroupsIsRefused() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.1, 0.1, 0.1);
        CliRun run = render(audio, "rotate-r1@every/up.1:channels(1..3)=1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("site 'up.1' has 4 channels; a channel matrix mixes four equal groups of the"
                + " target channels, and 3 is not a multiple of 4"), run.err());
        assertFalse(Files.exists(temp.resolve("o.mp4")));
    }

    private CliRun render(Path audio, String bend) throws Exception {
        return CliRun.of("render", audio.toString(), "-p", "x", "--model", "toy", "--cache",
                temp.resolve("cache").toString(), "--bend", bend, "-o", temp.resolve("o.mp4").toString());
    }
}
