package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.core.Modifier;
import org.netbend.core.ModifierKind;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;

/** Every step of the chain against values worked out by hand. */
class ParameterTracksTest {
    private static final double EPS = 1e-9;

    private static FeatureTrack track(double fps, Map<String, float[]> features) {
        int n = features.values().iterator().next().length;
        return new FeatureTrack(fps, n, n / fps, 44_100, features, null);
    }

    private static FeatureTrack rms(float... values) {
        Map<String, float[]> f = new LinkedHashMap<>();
        f.put("rms", values);
        return track(10, f);
    }

    private static Modifier mod(ModifierKind kind, String... args) { return new Modifier(kind, List.of(args)); }

    private static double[] run(FeatureTrack t, Range range, Modifier... mods) {
        return ParameterTracks.compute(t, new ParameterSource.Feature("rms", range, List.of(mods)));
    }

    @Test
    void plainMinMaxMapsIntoTheRange() {
        // rms 1,3,5 -> 0, .5, 1 -> 10 + 10t
        assertArrayEquals(new double[] {10, 15, 20}, run(rms(1, 3, 5), new Range(10, 20)), EPS);
        // reversed range maps in reverse
        assertArrayEquals(new double[] {2, 1, 0}, run(rms(1, 3, 5), new Range(2, 0)), EPS);
    }

    @Test
    void constantFillsEveryFrame() {
        assertArrayEquals(new double[] {2.5, 2.5, 2.5},
                ParameterTracks.compute(rms(1, 2, 3), new ParameterSource.Constant(2.5)), EPS);
    }

    @Test
    void flatOrSilentTrackGivesTheRangeLowNeverNaN() {
        assertArrayEquals(new double[] {3, 3, 3, 3}, run(rms(0, 0, 0, 0), new Range(3, 7),
                mod(ModifierKind.CURVE, "log"), mod(ModifierKind.GATE, "0.5")), EPS);
        assertArrayEquals(new double[] {3, 3}, run(rms(0.2f, 0.2f), new Range(3, 7), mod(ModifierKind.INVERT)),
                EPS, "a flat track rests at lo even when inverted");
        // One spike, removed by median(3): flat after the median, so it rests at lo even when inverted.
        assertArrayEquals(new double[] {3, 3, 3, 3, 3}, run(rms(0, 0, 1, 0, 0), new Range(3, 7),
                mod(ModifierKind.MEDIAN, "3"), mod(ModifierKind.INVERT)), EPS,
                "a track made flat by the median rests at lo");
    }

    @Test
    void delayHoldsEdgesAndNegativeAdvances() {
        // x = 0,1,2,3 (-> 0,1/3,2/3,1 after min-max); delay(1): 0,0,1,2 -> 0,0,.5,1 (min-max after the delay)
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, run(rms(0, 1, 2, 3), new Range(0, 1),
                mod(ModifierKind.DELAY, "1")), EPS);
        // delay(-2): 2,3,3,3 -> 0,1,1,1
        assertArrayEquals(new double[] {0, 1, 1, 1}, run(rms(0, 1, 2, 3), new Range(0, 1),
                mod(ModifierKind.DELAY, "-2")), EPS);
    }

    @Test
    void medianRemovesASpike() {
        // x = 0,0,9,0,0,4: median(3) with repeated edges: 0,0,0,0,0,0... except last window (0,4,4) -> 4
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 4}, ParameterTracks.median(new double[] {0, 0, 9, 0, 0, 4}, 3),
                EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(rms(1, 2), new Range(0, 1), mod(ModifierKind.MEDIAN, "4")));
        assertTrue(e.getMessage().contains("odd"), e.getMessage());
    }

    @Test
    void smoothIsAOnePoleLowPass() {
        // a = 0.5, x = 0,1,1,1: y = 0, .5, .75, .875
        assertArrayEquals(new double[] {0, 0.5, 0.75, 0.875}, ParameterTracks.smooth(new double[] {0, 1, 1, 1}, 0.5),
                EPS);
    }

    @Test
    void envelopeAttacksFastAndReleasesSlowly() {
        // fps 10 (dt 100 ms); attack 0 -> instant; release 100 ms -> g = e^-1
        double g = Math.exp(-1);
        double[] y = ParameterTracks.envelope(new double[] {0, 1, 0, 0}, 0, 100, 10);
        assertArrayEquals(new double[] {0, 1, g, g * g}, y, EPS);
        // attack 100 ms: rise 0 -> 1 reaches 1 - e^-1
        double[] rise = ParameterTracks.envelope(new double[] {0, 1}, 100, 0, 10);
        assertEquals(1 - g, rise[1], EPS);
    }

    @Test
    void gateSetsQuietValuesToTheMinimum() {
        // x = 0, 2, 5, 10; p = 0.3 -> threshold 3: 0,0,5,10
        assertArrayEquals(new double[] {0, 0, 5, 10}, ParameterTracks.gate(new double[] {0, 2, 5, 10}, 0.3), EPS);
    }

    @Test
    void inputRangeReplacesMinMaxAndClamps() {
        // input(0, 10): 5 -> .5, 20 -> 1 (clamped), -1 -> 0
        assertArrayEquals(new double[] {0.5, 1, 0}, run(rms(5, 20, -1), new Range(0, 1),
                mod(ModifierKind.INPUT, "0", "10")), EPS);
    }

    @Test
    void curvesMapZeroToZeroAndOneToOne() {
        // t = 0, .5, 1 (rms 0, 1, 2)
        double e3 = Math.expm1(3);
        assertArrayEquals(new double[] {0, Math.expm1(1.5) / e3, 1},
                run(rms(0, 1, 2), new Range(0, 1), mod(ModifierKind.CURVE, "exp")), EPS);
        assertArrayEquals(new double[] {0, Math.log1p(e3 * 0.5) / 3, 1},
                run(rms(0, 1, 2), new Range(0, 1), mod(ModifierKind.CURVE, "log")), EPS);
        assertArrayEquals(new double[] {0, 0.125, 1},
                run(rms(0, 1, 2), new Range(0, 1), mod(ModifierKind.CURVE, "power", "3")), EPS);
        assertArrayEquals(new double[] {0, 0.25, 1},
                run(rms(0, 1, 2), new Range(0, 1), mod(ModifierKind.CURVE, "power")), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(rms(0, 1), new Range(0, 1), mod(ModifierKind.CURVE, "cubic")));
        assertTrue(e.getMessage().contains("linear, exp, log or power"), e.getMessage());
    }

    @Test
    void modifiersRunInEnumOrderWhateverTheWrittenOrder() {
        // Written: invert, curve(power), median(3). Applied: median, min-max, power 2, invert.
        // x = 0, 8, 2, 4 -> median(3): 0, 2, 4, 4 -> /4: 0, .5, 1, 1 -> ^2: 0, .25, 1, 1 -> 1-: 1, .75, 0, 0
        double[] y = run(rms(0, 8, 2, 4), new Range(0, 4), mod(ModifierKind.INVERT),
                mod(ModifierKind.CURVE, "power", "2"), mod(ModifierKind.MEDIAN, "3"));
        assertArrayEquals(new double[] {4, 3, 0, 0}, y, EPS);
    }

    @Test
    void fullChainByHand() {
        // fps 10. x = 0, 10, 0, 0, 6
        // median(1): unchanged. envelope(0 ms, 100 ms): 0, 10, 10/e, 10/e², then 6 > 10/e² (1.353) -> attack 0 -> 6
        // gate(0.2) on [0..10]: threshold 2: 0, 10, 3.679, 0 (1.353 < 2 -> min 0), 6
        // min-max /10: 0, 1, .3679, 0, .6 -> range 0..2pi
        double e1 = Math.exp(-1);
        double[] y = run(rms(0, 10, 0, 0, 6), new Range(0, 2 * Math.PI), mod(ModifierKind.MEDIAN, "1"),
                mod(ModifierKind.ENVELOPE, "0", "100"), mod(ModifierKind.GATE, "0.2"));
        double tau = 2 * Math.PI;
        assertArrayEquals(new double[] {0, tau, tau * e1, 0, tau * 0.6}, y, 1e-6);
    }

    @Test
    void combinedSourcesScaleEachFeatureFirst() {
        Map<String, float[]> f = new LinkedHashMap<>();
        f.put("rms", new float[] {0, 1, 2});        // -> 0, .5, 1
        f.put("flux", new float[] {10, 30, 20});    // -> 0, 1, .5
        FeatureTrack t = track(10, f);
        Range unit = new Range(0, 1);
        // max: 0, 1, 1 -> min-max 0, 1, 1
        assertArrayEquals(new double[] {0, 1, 1}, ParameterTracks.compute(t, new ParameterSource.Combined(
                ParameterSource.Combiner.MAX, List.of("rms", "flux"), unit, List.of())), EPS);
        // product: 0, .5, .5 -> 0, 1, 1
        assertArrayEquals(new double[] {0, 1, 1}, ParameterTracks.compute(t, new ParameterSource.Combined(
                ParameterSource.Combiner.PRODUCT, List.of("rms", "flux"), unit, List.of())), EPS);
        // sum/2: 0, .75, .75 -> with input(0,1) kept as is: 0, .75, .75
        assertArrayEquals(new double[] {0, 0.75, 0.75}, ParameterTracks.compute(t, new ParameterSource.Combined(
                ParameterSource.Combiner.SUM, List.of("rms", "flux"), unit,
                List.of(mod(ModifierKind.INPUT, "0", "1")))), EPS);
    }

    @Test
    void unknownFeatureNamesWhatExists() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterTracks.compute(
                rms(1, 2), new ParameterSource.Feature("pitch", new Range(0, 1), List.of())));
        assertTrue(e.getMessage().contains("'pitch'") && e.getMessage().contains("rms"), e.getMessage());
    }
}
