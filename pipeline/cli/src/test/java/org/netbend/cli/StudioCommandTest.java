package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio refuses a non-loopback address without a token before it starts anything. */
class StudioCommandTest {
    @TempDir Path temp;

    @Test
    void aNonLoopbackHostWithoutATokenIsRefusedInOneLine() {
        CliRun run = CliRun.of("studio", "--host", "0.0.0.0", "--port", "0");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--host 0.0.0.0") && run.err().contains("--token-file"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("broker"), "nothing was started: " + run.err());
    }

    @Test
    void aShortTokenFileIsRefusedWithoutEchoingIt() throws Exception {
        Path file = Files.writeString(temp.resolve("token"), "secret12");
        CliRun run = CliRun.of("studio", "--host", "0.0.0.0", "--token-file", file.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("at least 16 characters"), run.err());
        assertFalse(run.err().contains("secret12"), "the token is never printed: " + run.err());
    }

    @Test
    void helpNamesTheOptions() {
        CliRun run = CliRun.of("studio", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--token-file") && run.out().contains("--new-token") && run.out().contains("--port"),
                run.out());
    }
}
