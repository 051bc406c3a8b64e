package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.EncoderSpec;

/** autoencoder(D): trained with DJL's PyTorch engine offline; deterministic; a structured signal reconstructs. */
class AutoencoderTest {
    /** Stated bound: the mean squared error on normalised inputs, where predicting the mean scores 1. */
    static final double RECONSTRUCTION_BOUND = 0.25;

    @TempDir Path dir;

    @Test
    void twoAlternatingSoundsReconstructWellAndCodeApart() throws Exception {
        Path track = AudioCodesTest.alternating(dir.resolve("alt.wav"), 0.5, 8);
        AudioAnalysis analysis = analyze(track, "autoencoder(2,1)");
        AutoencoderEncoder encoder = (AutoencoderEncoder) analysis.encoder();
        assertTrue(encoder.reconstructionError() < RECONSTRUCTION_BOUND,
                "reconstruction error " + encoder.reconstructionError());
        float[] a = analysis.track().feature("code(0)");
        float[] b = analysis.track().feature("code(1)");
        // Mid-segment frames (the 7-frame window sees one sound only): the two sounds' codes are far apart
        // compared with how much each sound's codes vary.
        double[] tone = centroid(a, b, 0);
        double[] noise = centroid(a, b, 1);
        double gap = Math.hypot(tone[0] - noise[0], tone[1] - noise[1]);
        double spread = Math.max(spread(a, b, 0, tone), spread(a, b, 1, noise));
        assertTrue(gap > 4 * spread, "gap " + gap + " against spread " + spread);
    }

    @Test
    void sameAudioSpecAndSeedGiveTheSameWeightsBitForBit() throws Exception {
        Path track = AudioCodesTest.alternating(dir.resolve("alt.wav"), 0.3, 4);
        byte[] first = EncoderIo.toJson(analyze(track, "autoencoder(3,5)").encoder());
        byte[] again = EncoderIo.toJson(analyze(track, "autoencoder(3,5)").encoder());
        byte[] other = EncoderIo.toJson(analyze(track, "autoencoder(3,6)").encoder());
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other), "another seed trains other weights");
        Path stored = Files.write(dir.resolve("encoder.json"), first);
        AudioEncoder back = EncoderIo.read(stored);
        assertArrayEquals(first, EncoderIo.toJson(back));
    }

    /** DJL was told to stay offline: a download attempt would fail, not fetch. */
    @Test
    void theEngineLoadsOffline() {
        assertEquals("PyTorch", AutoencoderTrainer.engine().getEngineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("1", System.getProperty("ai.djl.pytorch.num_threads"));
    }

    private static AudioAnalysis analyze(Path track, String spec) throws Exception {
        EncoderSpec encoder = EncoderSpec.parse(spec);
        Set<String> codes = new java.util.LinkedHashSet<>();
        for (int i = 0; i < encoder.dimensions(); i++) {
            codes.add("code(" + i + ")");
        }
        return AudioAnalyzer.analyzeFully(track, AnalysisOptions.defaults(20).withCodes(encoder).withFeatures(codes));
    }

    /** Mean (code 0, code 1) of the middle frames (3..6 of each 10-frame segment) of sound 0 (tone) or 1 (noise). */
    private static double[] centroid(float[] a, float[] b, int sound) {
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if ((i / 10) % 2 == sound && i % 10 >= 3 && i % 10 <= 6) {
                sa += a[i];
                sb += b[i];
                n++;
            }
        }
        return new double[] {sa / n, sb / n};
    }

    private static double spread(float[] a, float[] b, int sound, double[] centre) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            if ((i / 10) % 2 == sound && i % 10 >= 3 && i % 10 <= 6) {
                max = Math.max(max, Math.hypot(a[i] - centre[0], b[i] - centre[1]));
            }
        }
        return max;
    }
}
