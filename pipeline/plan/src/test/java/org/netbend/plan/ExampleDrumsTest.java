package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.plan.examples.DrumLoopSynthAccess;

/** The committed example, examples/drums.wav: reproducible from its generator, and its features make sense. */
class ExampleDrumsTest {
    private static final Path DRUMS = Path.of("../../examples/drums.wav");

    @TempDir
    Path dir;

    @Test
    void committedFileIsWhatTheGeneratorWrites() throws Exception {
        Path regenerated = DrumLoopSynthAccess.write(dir.resolve("drums.wav"));
        assertTrue(Files.size(DRUMS) < 1_000_000, "example stays under 1 MB");
        assertEquals(-1L, Files.mismatch(DRUMS, regenerated), "examples/drums.wav regenerates bit for bit");
    }

    @Test
    void drumsHaveAQuietIntroALoudSectionAnd120Bpm() throws Exception {
        AudioAnalysis analysis = AudioAnalyzer.analyzeFully(DRUMS, AnalysisOptions.defaults(20));
        FeatureTrack track = analysis.track();
        assertEquals(180, track.frameCount(), "9 s at 20 fps");
        float[] rms = track.feature("rms");
        assertEquals(0f, rms[5], "first second is silence");
        double intro = mean(rms, 20, 60);
        double loud = mean(rms, 120, 180);
        assertTrue(loud > 5 * intro, "loud section " + loud + " vs intro " + intro);
        for (int i = 80; i < 160; i++) {
            assertEquals(120, track.tempoBpm()[i], 2, "tempo at frame " + i);
        }
        // Every eighth note of the drum part (3 s on) starts with an onset within 10 ms, but at the default
        // sensitivity the open hat at 6.25 s, a quarter second into the crash's noise, which masks it.
        assertOnsetsOnEveryEighth(analysis.onsetTimes(), 6.25);
        // At full sensitivity that hat is found too.
        AudioAnalysis sensitive = AudioAnalyzer.analyzeFully(DRUMS, AnalysisOptions.defaults(20)
                .withOnsetSensitivity(1));
        assertOnsetsOnEveryEighth(sensitive.onsetTimes(), -1);
    }

    private static void assertOnsetsOnEveryEighth(double[] onsets, double except) {
        for (double t = 3; t < 9; t += 0.25) {
            double step = t;
            double nearest = java.util.Arrays.stream(onsets).map(o -> Math.abs(o - step)).min().orElse(1);
            assertTrue(nearest < 0.010 || step == except, "no onset near " + t + " s: " + nearest);
        }
    }

    private static double mean(float[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i];
        }
        return sum / (to - from);
    }
}
