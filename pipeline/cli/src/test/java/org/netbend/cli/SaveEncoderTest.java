package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;

/** analyze --save-encoder NAME stores the fitted encoder by name; render --codes encoder:NAME names a missing one. */
class SaveEncoderTest {
    @TempDir Path temp;

    @Test
    void analyzeStoresTheEncoderByNameAndRenderNamesAMissingOne() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.2, 0.3, 0.2);
        Path store = temp.resolve("store");
        CliRun saved = CliRun.of("analyze", audio.toString(), "-o", temp.resolve("f.json").toString(), "--codes",
                "pca(4)", "--save-encoder", "album-1", "--store", store.toString());
        assertEquals(0, saved.exitCode(), saved.err());
        assertTrue(Files.isRegularFile(store.resolve("encoders/album-1.json")));
        assertTrue(saved.out().contains("reuse it with --codes encoder:album-1"), saved.out());

        CliRun badName = CliRun.of("analyze", audio.toString(), "-o", temp.resolve("g.json").toString(), "--codes",
                "pca(4)", "--save-encoder", "../up", "--store", store.toString());
        assertEquals(2, badName.exitCode());
        assertTrue(badName.err().startsWith("netbend: --save-encoder: bad encoder name '../up'"), badName.err());
        assertEquals(1, badName.err().strip().lines().count(), badName.err());
        assertFalse(Files.exists(temp.resolve("g.json")));

        CliRun missing = CliRun.of("render", audio.toString(), "-p", "x", "--model", "toy", "--cache",
                temp.resolve("cache").toString(), "--store", store.toString(), "--codes", "encoder:nope", "--bend",
                "add@0=code(0)", "-o", temp.resolve("o.mp4").toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("--codes: no encoder 'nope' in the store (encoders/nope.json)"),
                missing.err());
        assertFalse(Files.exists(temp.resolve("o.mp4")));
    }
}
