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
    void galleryTakesSitesAsRows(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path grid = dir.resolve("sites.png");
        CliRun run = CliRun.of("gallery", "--model", "toy", "--cache", "target/cli-cache", "-p", "3D mesh geometry",
                "--bend", "rotate-r1@every/SITE=VALUES", "--values", "0..pi:2", "--sites", "down.0,mid,up.2",
                "--steps", "6", "--size", "64x64", "--cell", "64", "-o", grid.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("3 sites x 2 values"), run.out());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(grid.toFile());
        assertTrue(image.getWidth() >= 3 * 64 && image.getHeight() >= 3 * 64, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void anUnknownSiteListsTheModelsSites(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CliRun run = CliRun.of("gallery", "--model", "toy", "--cache", "target/cli-cache", "-p", "x",
                "--bend", "multiply@every/SITE=VALUES", "--values", "1,2", "--sites", "mid,down.8",
                "--steps", "2", "--size", "64x64", "-o", dir.resolve("g.png").toString());
        assertTrue(run.exitCode() != 0);
        assertTrue(run.err().contains("unknown site 'down.8'; this model's sites: down.0, down.1, mid, up.0, up.1,"
                + " up.1.attn.0, up.2"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        CliRun noPlaceholder = CliRun.of("gallery", "-p", "x", "--bend", "multiply@every/mid=VALUES", "--values", "1,2",
                "--sites", "mid", "-o", dir.resolve("g.png").toString());
        assertTrue(noPlaceholder.err().contains("/SITE"), noPlaceholder.err());
    }

    @Test
    void aBadSizeIsOneLine() {
        CliRun run = CliRun.of("sites", "--model", "toy", "--cache", "target/cli-cache", "--size", "100x7");
        assertTrue(run.exitCode() != 0, "exit code " + run.exitCode());
        assertTrue(run.err().contains("--size"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
