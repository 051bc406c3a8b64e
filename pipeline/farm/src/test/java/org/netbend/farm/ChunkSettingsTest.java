package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.assemble.ChunkEncoder;
import org.netbend.assemble.VideoSettings;
import org.netbend.core.RgbImage;
import org.netbend.job.JobRequest;
import org.netbend.job.Method;
import org.netbend.job.RequestBuilder;
import org.netbend.job.SamplerName;

/** The chunk preset follows the steps a frame runs, and a few-step job's chunks are the same bytes every run. */
class ChunkSettingsTest {
    @TempDir Path temp;

    private static RequestBuilder request() {
        return new RequestBuilder().audio("audio/" + "0".repeat(64) + ".wav", "a.wav").model("toy").prompt("x");
    }

    @Test
    void fewStepSamplersTakeAFasterPresetAtTheSameCrf() {
        VideoSettings turbo = ChunkSettings.of(request().steps(1).guidance(0).scheduler(SamplerName.EULER).build());
        VideoSettings ddim = ChunkSettings.of(request().steps(50).build());
        assertEquals("veryfast", turbo.preset());
        assertEquals("medium", ddim.preset());
        assertEquals(ddim.crf(), turbo.crf());
        assertEquals(ddim.keyFrameInterval(), turbo.keyFrameInterval());
        JobRequest shortChain = request().steps(50).method(Method.IMG2IMG).strength(0.1).build(); // 5 steps run
        assertEquals("veryfast", ChunkSettings.of(shortChain).preset());
    }

    @Test
    void aChunkKeyNamesTheEncodingSoChunksOfTwoPresetsNeverMeet() {
        JobRequest turbo = request().steps(1).guidance(0).scheduler(SamplerName.EULER).build();
        JobRequest ddim = request().steps(50).build();
        assertEquals(1, ChunkSettings.of(turbo).threads(), "a fixed thread count: the same bytes on every machine");
        assertEquals(1, ChunkSettings.of(ddim).threads());
        assertEquals("jobs/" + turbo.jobId() + "/chunks/00003.veryfast-crf18-g40-t1.mp4", ChunkSettings.key(turbo, 3));
        assertEquals("jobs/" + ddim.jobId() + "/chunks/00003.medium-crf18-g40-t1.mp4", ChunkSettings.key(ddim, 3));
    }

    @Test
    void aFewStepChunkIsBitExactBetweenRuns() throws Exception {
        VideoSettings settings = ChunkSettings.of(request().steps(1).guidance(0).scheduler(SamplerName.EULER).build());
        byte[] first = encode(temp.resolve("a.mp4"), settings);
        byte[] second = encode(temp.resolve("b.mp4"), settings);
        assertArrayEquals(first, second);
    }

    private static byte[] encode(Path file, VideoSettings settings) throws Exception {
        try (ChunkEncoder encoder = new ChunkEncoder(file, 64, 48, settings)) {
            for (int f = 0; f < 12; f++) {
                byte[] pixels = new byte[64 * 48 * 3];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (byte) (i * 7 / 3 + f * 11 + (i / 192) * f);
                }
                encoder.add(new RgbImage(64, 48, pixels));
            }
        }
        return Files.readAllBytes(file);
    }
}
