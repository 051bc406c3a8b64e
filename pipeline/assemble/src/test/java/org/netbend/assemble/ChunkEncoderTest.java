package org.netbend.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.RgbImage;

class ChunkEncoderTest {
    static final VideoSettings FAST = new VideoSettings(20, 18, "veryfast", 40);

    @TempDir
    Path temp;

    @Test
    void aChunkIsH264Yuv420pWithExactlyTheFramesAdded() throws Exception {
        Path chunk = TestMedia.chunk(temp.resolve("c.mp4"), 13, new int[] {200, 40, 40}, 64, 48, FAST);

        VideoInfo info = VideoProbe.probe(chunk);

        assertEquals(new VideoInfo(13, 13 / 20.0, 64, 48, "h264", "yuv420p", false, null, 20.0), info);
    }

    @Test
    void theFirstFrameIsAKeyFrameAndTheIntervalIsHonoured() throws Exception {
        Path chunk = TestMedia.chunk(temp.resolve("c.mp4"), 23, new int[] {10, 10, 10}, 32, 32,
                new VideoSettings(20, 18, "medium", 5));

        List<Integer> keys = VideoProbe.keyFrames(chunk);

        assertEquals(0, keys.get(0));
        for (int i = 1; i < keys.size(); i++) {
            assertTrue(keys.get(i) - keys.get(i - 1) <= 5, "key frames " + keys);
        }
        assertTrue(23 - 1 - keys.get(keys.size() - 1) < 5, "key frames " + keys);
    }

    @Test
    void solidColoursSurviveEncodingWithinAFewLevels() throws Exception {
        int[][] colours = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {128, 128, 128}, {30, 200, 120}};
        Path chunk = temp.resolve("colours.mp4");
        try (ChunkEncoder encoder = new ChunkEncoder(chunk, 64, 64, FAST)) {
            for (int[] c : colours) {
                encoder.add(TestMedia.solid(64, 64, c[0], c[1], c[2]));
            }
            assertEquals(colours.length, encoder.frameCount());
        }

        List<RgbImage> decoded = TestMedia.decode(chunk);

        assertEquals(colours.length, decoded.size());
        for (int f = 0; f < colours.length; f++) {
            for (int ch = 0; ch < 3; ch++) {
                double mean = TestMedia.mean(decoded.get(f), ch);
                // yuv420p in limited range plus 8-bit rounding costs a few levels; crf 18 adds almost nothing here.
                assertEquals(colours[f][ch], mean, 6.0, "frame " + f + " channel " + ch);
            }
        }
    }

    @Test
    void anOddSizeIsPaddedToEvenByRepeatingTheEdge() throws Exception {
        // left half black, right half white; 33x17 is coded as 34x18
        int w = 33;
        int h = 17;
        byte[] pixels = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = w / 2 + 1; x < w; x++) {
                int o = (y * w + x) * 3;
                pixels[o] = pixels[o + 1] = pixels[o + 2] = (byte) 255;
            }
        }
        Path chunk = temp.resolve("odd.mp4");
        try (ChunkEncoder encoder = new ChunkEncoder(chunk, w, h, FAST)) {
            assertEquals(34, encoder.videoWidth());
            assertEquals(18, encoder.videoHeight());
            encoder.add(new RgbImage(w, h, pixels));
            encoder.add(new RgbImage(w, h, pixels));
        }

        VideoInfo info = VideoProbe.probe(chunk);
        assertEquals(34, info.width());
        assertEquals(18, info.height());
        RgbImage first = TestMedia.decode(chunk).get(0);
        assertTrue(first.red(33, 8) > 230, "the padding column repeats the white edge: " + first.red(33, 8));
        assertTrue(first.red(33, 17) > 230, "the padding row repeats the last row: " + first.red(33, 17));
        assertTrue(first.red(2, 17) < 25, "the padding row stays black on the left: " + first.red(2, 17));
    }

    @Test
    void aFrameOfTheWrongSizeIsRejectedAndTheChunkCanBeAbandoned() throws Exception {
        Path chunk = temp.resolve("c.mp4");
        ChunkEncoder encoder = new ChunkEncoder(chunk, 32, 32, FAST);
        encoder.add(TestMedia.solid(32, 32, 1, 2, 3));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.add(TestMedia.solid(16, 32, 1, 2, 3)));
        assertTrue(e.getMessage().contains("32x32") && e.getMessage().contains("16x32"), e.getMessage());

        encoder.abort();
        assertFalse(Files.exists(chunk));
        assertNoLeftovers();
    }

    @Test
    void aChunkWithoutFramesIsAnErrorAndLeavesNoFile() throws Exception {
        Path chunk = temp.resolve("empty.mp4");
        ChunkEncoder encoder = new ChunkEncoder(chunk, 32, 32, FAST);

        AssembleException e = assertThrows(AssembleException.class, encoder::close);

        assertTrue(e.getMessage().contains("no frames"), e.getMessage());
        assertFalse(Files.exists(chunk));
        assertNoLeftovers();
    }

    @Test
    void nothingAppearsUnderTheChunkNameBeforeItIsClosed() throws Exception {
        Path chunk = temp.resolve("c.mp4");
        try (ChunkEncoder encoder = new ChunkEncoder(chunk, 32, 32, FAST)) {
            encoder.add(TestMedia.solid(32, 32, 9, 9, 9));
            assertFalse(Files.exists(chunk));
        }
        assertTrue(Files.exists(chunk));
        assertNoLeftovers();
    }

    @Test
    void settingsAreValidatedWithReadableMessages() {
        assertThrows(IllegalArgumentException.class, () -> new VideoSettings(0, 18, "medium", 10));
        assertThrows(IllegalArgumentException.class, () -> new VideoSettings(20, 52, "medium", 10));
        assertThrows(IllegalArgumentException.class, () -> new VideoSettings(20, 18, "warp", 10));
        assertThrows(IllegalArgumentException.class, () -> new VideoSettings(20, 18, "medium", 0));
        assertEquals(new VideoSettings(20, 18, "medium", 40), VideoSettings.defaults(20));
        assertThrows(IllegalArgumentException.class, () -> new ChunkEncoder(temp.resolve("x.mp4"), 0, 10, FAST));
    }

    @Test
    void probingSomethingThatIsNotAVideoSaysSo() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.mp4"), "not a video at all");
        AssembleException e = assertThrows(AssembleException.class, () -> VideoProbe.probe(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        AssembleException missing = assertThrows(AssembleException.class, () -> VideoProbe.probe(temp.resolve("no.mp4")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    private void assertNoLeftovers() throws Exception {
        try (var files = Files.list(temp)) {
            List<Path> partials = files.filter(p -> p.getFileName().toString().contains("partial")).toList();
            assertEquals(List.of(), partials);
        }
    }
}
