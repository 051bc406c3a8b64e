package org.netbend.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.assemble.ChunkEncoder;
import org.netbend.assemble.VideoSettings;
import org.netbend.core.RgbImage;

/** OpenCV's measures on an H.264 video made here: still, shifting and cut pictures. */
class FrameChangesTest {
    @TempDir Path temp;

    @Test
    void stillShiftingAndCutFramesMeasureAsSuch() throws Exception {
        Path video = temp.resolve("v.mp4");
        // frames 0-9 still, 10-19 shift 2 px a frame, 20 a different picture, 21-29 still again
        try (ChunkEncoder encoder = new ChunkEncoder(video, 128, 96, new VideoSettings(20, 18, "veryfast", 40))) {
            int offset = 0;
            for (int t = 0; t < 30; t++) {
                if (t >= 10 && t < 20) {
                    offset += 2;
                }
                encoder.add(pattern(128, 96, offset, t >= 20 ? 7 : 1));
            }
        }
        FrameChanges changes = FrameChanges.measure(video, 128);
        assertEquals(30, changes.frameCount());
        assertEquals(20, changes.fps(), 1e-9);
        assertEquals(128, changes.width());
        for (int t = 1; t < 10; t++) {
            assertTrue(changes.change()[t] < 0.01, "still frame " + t + ": " + changes.change()[t]);
            assertTrue(changes.motion()[t] < 0.1, "still frame " + t + ": " + changes.motion()[t]);
        }
        for (int t = 11; t < 20; t++) {
            assertTrue(changes.change()[t] > 0.05, "shifted frame " + t + ": " + changes.change()[t]);
            assertEquals(2.0, changes.motion()[t], 0.6, "the flow of a 2 px shift, frame " + t);
        }
        assertTrue(changes.change()[20] > 0.5, "the new picture: " + changes.change()[20]);
        assertEquals(20, SceneCuts.of(changes.change())[0]);

        FrameChanges small = FrameChanges.measure(video, 64);
        assertEquals(64, small.width(), "shrunk to the largest side asked");
        assertEquals(48, small.height());
    }

    @Test
    void aFileThatIsNoVideoIsNamed() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.mp4"), "no video here");
        ScoreException e = assertThrows(ScoreException.class, () -> FrameChanges.measure(text, 128));
        assertTrue(e.getMessage().contains("is not a video FFmpeg can read"), e.getMessage());
    }

    /** Stripes and blobs of period ~16 px, moved right by {@code offset}; {@code seed} changes the picture. */
    private static RgbImage pattern(int width, int height, int offset, int seed) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (x - offset) * 2 * Math.PI / 16;
                double v = y * 2 * Math.PI / (12 + seed);
                int value = (int) (128 + 60 * Math.sin(u * seed) + 50 * Math.cos(v + 0.7 * u));
                int i = (y * width + x) * 3;
                pixels[i] = (byte) value;
                pixels[i + 1] = (byte) value;
                pixels[i + 2] = (byte) (255 - value);
            }
        }
        return new RgbImage(width, height, pixels);
    }
}
