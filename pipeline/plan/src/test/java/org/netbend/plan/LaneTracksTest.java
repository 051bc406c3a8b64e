package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.core.Lane;
import org.netbend.core.LaneInterpolation;
import org.netbend.core.LaneSchedule;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;

/** Lanes as per-frame values: each interpolation, the ends, beats of the tempo estimate, and bends reading them. */
class LaneTracksTest {
    private static Lane lane(LaneInterpolation how, String schedule) {
        return new Lane(how, LaneSchedule.parse(schedule));
    }

    @Test
    void stepHoldsEachValueUntilTheNextPointAndTheEndsAreHeld() {
        // 10 fps: frame i is at i/10 s. Before 0.5 s the first value, after 1.0 s the last.
        double[] values = new LaneCurve(lane(LaneInterpolation.STEP, "0.5:(2), 0.8:(5), 1:(-1)"), Double.NaN)
                .perFrame(14, 10);
        assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 5, 5, -1, -1, -1, -1}, values);
    }

    @Test
    void linearGoesStraightBetweenPoints() {
        LaneCurve curve = new LaneCurve(lane(LaneInterpolation.LINEAR, "0:(0), 4:(2), 6:(0)"), Double.NaN);
        assertEquals(0.5, curve.at(1), 1e-12);
        assertEquals(2, curve.at(4), 1e-12);
        assertEquals(1, curve.at(5), 1e-12);
        assertEquals(0, curve.at(60), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 1, 0, 0}, curve.perFrame(8, 1), 1e-12);
    }

    @Test
    void cubicPassesThroughEveryPointIsSmoothAndNeverOvershoots() {
        Lane lane = lane(LaneInterpolation.CUBIC, "0:(0), 1:(0), 2:(1), 3:(1), 4:(0.2), 6:(0.9)");
        LaneCurve curve = new LaneCurve(lane, Double.NaN);
        lane.points().forEach(p -> assertEquals(p.value(), curve.at(p.time().amount()), 1e-12));
        double[] fine = curve.perFrame(6001, 1000);
        for (int i = 0; i < fine.length; i++) {
            assertTrue(fine[i] >= -1e-12 && fine[i] <= 1 + 1e-12, "t=" + i / 1000.0 + " left 0..1: " + fine[i]);
        }
        // Flat stretches stay flat (a Catmull-Rom spline would dip below 0 before 1 s and rise above 1 after 2 s).
        assertEquals(0, curve.at(0.5), 1e-12);
        assertEquals(1, curve.at(2.5), 1e-12);
        // Monotone where the points are: rising from 1 to 2 s.
        for (int i = 1001; i <= 2000; i++) {
            assertTrue(fine[i] >= fine[i - 1], "rises at " + i);
        }
        // Smooth: no step between neighbouring milliseconds larger than the steepest secant allows.
        for (int i = 1; i < fine.length; i++) {
            assertTrue(Math.abs(fine[i] - fine[i - 1]) < 0.004, "jump at " + i);
        }
    }

    @Test
    void aLaneInBeatsUsesTheMedianTempoWhereOneWasFound() {
        int frames = 20;
        double[] tempo = new double[frames];
        Arrays.fill(tempo, 0, 5, 0);          // no tempo yet
        Arrays.fill(tempo, 5, 15, 120);       // 120 BPM: 0.5 s a beat
        Arrays.fill(tempo, 15, frames, 100);
        FeatureTrack track = new FeatureTrack(10, frames, 2, 44_100, Map.of("rms", new float[frames]), tempo);
        assertEquals(120, LaneTracks.tempoEstimate(track));
        FeatureTrack withLanes = LaneTracks.withLanes(track, Map.of("pulse",
                lane(LaneInterpolation.STEP, "0b:(0), 2b:(1)")));
        float[] pulse = withLanes.feature("lane:pulse");
        for (int i = 0; i < frames; i++) {
            assertEquals(i < 10 ? 0f : 1f, pulse[i], "frame " + i + ": beat 2 is at 1.0 s");
        }
        assertArrayEquals(track.feature("rms"), withLanes.feature("rms"));
    }

    @Test
    void aLaneInBeatsWithoutATempoIsRefusedByName() {
        FeatureTrack silent = new FeatureTrack(10, 5, 0.5, 44_100, Map.of("rms", new float[5]), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaneTracks.withLanes(silent,
                Map.of("pulse", lane(LaneInterpolation.LINEAR, "0b:(0), 4b:(1)"))));
        assertEquals("lane 'pulse' is timed in beats, but no tempo was found in the track (no beats); give its times "
                + "in seconds", e.getMessage());
    }

    @Test
    void aBendReadsALaneLikeAFeatureWithRangeModifiersAndInsideMax() {
        int frames = 10;
        float[] rms = new float[frames];
        rms[9] = 1;
        FeatureTrack track = LaneTracks.withLanes(new FeatureTrack(10, frames, 1, 44_100, Map.of("rms", rms), null),
                Map.of("swell", lane(LaneInterpolation.LINEAR, "0:(0), 0.5:(2)")));
        double[] ranged = ParameterTracks.compute(track, new ParameterSource.Feature("lane:swell", new Range(0, 10),
                List.of()));
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10, 10, 10, 10, 10}, ranged, 1e-6);
        double[] inverted = ParameterTracks.compute(track, new ParameterSource.Feature("lane:swell", new Range(0, 1),
                List.of(new org.netbend.core.Modifier(org.netbend.core.ModifierKind.INVERT, List.of()))));
        assertEquals(1, inverted[0], 1e-6);
        assertEquals(0, inverted[7], 1e-6);
        double[] max = ParameterTracks.compute(track, new ParameterSource.Combined(ParameterSource.Combiner.MAX,
                List.of("rms", "lane:swell"), new Range(0, 1), List.of()));
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1, 1, 1, 1, 1}, max, 1e-6);
        assertEquals(List.of("rms", "lane:swell"), List.copyOf(track.features().keySet()));
        assertEquals(java.util.Set.of("lane:swell"), FeatureSelection.lanesReadBy(List.of(new ParameterSource.Combined(
                ParameterSource.Combiner.MAX, List.of("rms", "lane:swell"), new Range(0, 1), List.of()))));
        assertEquals(java.util.Set.of("rms"), FeatureSelection.readBy(List.of(new ParameterSource.Combined(
                ParameterSource.Combiner.MAX, List.of("rms", "lane:swell"), new Range(0, 1), List.of()))));
    }
}
