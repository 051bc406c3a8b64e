package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SitesCommandTest {

    @Test
    void listsTheToysSitesWithShapes() {
        CliRun run = CliRun.of("sites", "--model", "toy", "--cache", "target/cli-cache");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("site") && lines.get(0).contains("C x H x W at 512x512"), lines.get(0));
        assertEquals(8, lines.size(), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("mid\\s+4 x 16 x 16\\s+/mid_block/\\S+")), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("up\\.1\\.attn\\.0\\s+4 x 64 x 64\\s+/up_blocks\\.1/attentions\\.0/\\S+")),
                run.out());
    }

    @Test
    void shapesFollowTheFrameSize() {
        CliRun run = CliRun.of("sites", "--model", "toy", "--cache", "target/cli-cache", "--size", "256x128");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("mid\\s+4 x 4 x 8\\s+.*")), run.out());
    }

    @Test
    void aBadSizeIsOneLine() {
        CliRun run = CliRun.of("sites", "--model", "toy", "--cache", "target/cli-cache", "--size", "100x7");
        assertTrue(run.exitCode() != 0, "exit code " + run.exitCode());
        assertTrue(run.err().contains("--size"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
