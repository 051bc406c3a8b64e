package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;

class FeatureSelectionTest {
    private static final Range UNIT = new Range(0, 1);
    private static final ParameterSource MFCC = new ParameterSource.Feature("mfcc_3", UNIT, List.of());
    private static final ParameterSource BEATS_AND_PITCH = new ParameterSource.Combined(
            ParameterSource.Combiner.MAX, List.of("pitch", "beat", "rms"), UNIT, List.of());
    private static final ParameterSource CONSTANT = new ParameterSource.Constant(2);

    @TempDir
    Path dir;

    @Test
    void readsTheNamesOfFeatureAndCombinedSourcesInCanonicalOrder() {
        assertEquals(List.of("rms", "beat", "pitch", "mfcc_3"),
                List.copyOf(FeatureSelection.readBy(List.of(MFCC, CONSTANT, BEATS_AND_PITCH))));
        assertEquals(Set.of(), FeatureSelection.readBy(List.of(CONSTANT)));
    }

    @Test
    void planAddsThePlotOverviewAndNothingElse() {
        assertEquals(List.of("rms", "centroid", "flux", "low", "mid", "high"),
                List.copyOf(FeatureSelection.forPlan(List.of())));
        assertEquals(List.of("rms", "centroid", "flux", "beat", "pitch", "low", "mid", "high", "mfcc_3"),
                List.copyOf(FeatureSelection.forPlan(List.of(MFCC, BEATS_AND_PITCH, CONSTANT))));
        // The plot: the overview first, then what the bends read beyond it.
        assertEquals(List.of("rms", "centroid", "flux", "low", "mid", "high", "beat", "pitch", "mfcc_3"),
                FeatureSelection.plotPanels(List.of(BEATS_AND_PITCH, MFCC)));
    }

    @Test
    void anUnknownFeatureIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSelection.readBy(
                List.of(new ParameterSource.Feature("loudness", UNIT, List.of()))));
        assertTrue(e.getMessage().contains("loudness"), e.getMessage());
    }

    /** Computing fewer features must not change the ones computed (flux, for one, keeps the previous spectrum). */
    @Test
    void aSelectionGivesTheSameValuesAsTheFullAnalysis() throws Exception {
        float[] audio = TestAudio.concat(TestAudio.sine(440, 0.3, 1, 44_100),
                TestAudio.clicks(TestAudio.beatTimes(120, 0.1, 4), 4, 44_100), TestAudio.whiteNoise(0.2, 1, 44_100, 7));
        Path file = TestAudio.write(dir.resolve("mix.wav"), audio, 44_100, 1, TestAudio.Format.WAV_F32);
        FeatureTrack full = AudioAnalyzer.analyze(file, AnalysisOptions.defaults(20));
        Set<String> wanted = FeatureSelection.forPlan(List.of(MFCC, BEATS_AND_PITCH));
        FeatureTrack some = AudioAnalyzer.analyze(file, AnalysisOptions.defaults(20).withFeatures(wanted));
        assertEquals(wanted, some.features().keySet());
        assertEquals(full.frameCount(), some.frameCount());
        for (String name : wanted) {
            assertArrayEquals(full.feature(name), some.feature(name), 0, name);
        }
        assertTrue(max(some.feature("beat")) == 1 && max(some.feature("pitch")) > 400, "beats and pitch computed");
    }

    private static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
