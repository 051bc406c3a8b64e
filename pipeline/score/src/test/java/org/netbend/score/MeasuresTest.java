package org.netbend.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics on series whose answer is known. */
class MeasuresTest {
    private static final double FPS = 20;

    @Test
    void reactivityFindsTheLagAndIsZeroForAFlatTrack() {
        double[] track = new double[200];
        double[] picture = new double[200];
        for (int t = 0; t < track.length; t++) {
            track[t] = Math.sin(t * 0.37) + 0.5 * Math.sin(t * 1.3);
        }
        for (int t = 2; t < picture.length; t++) {
            picture[t] = 3 * track[t - 2] + 1; // follows two frames late
        }
        Reactivity late = Reactivity.best(picture, track, 5);
        assertEquals(2, late.lag());
        assertEquals(1.0, late.correlation(), 1e-9);
        assertEquals(new Reactivity(-1.0, 2).lag(), Reactivity.best(negate(picture), track, 5).lag());
        assertEquals(-1.0, Reactivity.best(negate(picture), track, 5).correlation(), 1e-9);
        assertEquals(Reactivity.NONE, Reactivity.best(picture, new double[200], 5), "a constant track");
        assertEquals(0.0, Reactivity.best(picture, track, 0).lag(), "no lag searched");
        assertTrue(Math.abs(Reactivity.best(picture, track, 0).correlation()) < 0.5, "off by two frames");
    }

    @Test
    void stepsAreTheAbsoluteFrameToFrameChange() {
        assertArrayEquals(new double[] {0, 2, 1, 0}, Reactivity.steps(new double[] {1, 3, 2, 2}));
    }

    @Test
    void onsetsSeenMatchesPeaksWithinOneFrame() {
        double[] change = new double[100];
        for (int t = 1; t < change.length; t++) {
            change[t] = 0.02 + 0.002 * (t % 3); // a busy but even background
        }
        for (int peak : new int[] {10, 31, 50, 80}) {
            change[peak] = 0.3;
        }
        // onsets at 10 (exact), 30 (one frame early), 60 (no peak); the peak at 50 and 80 are not onsets
        OnsetsSeen seen = OnsetsSeen.of(change, new int[] {10, 30, 60});
        assertArrayEquals(new int[] {10, 31, 50, 80}, seen.peaks());
        assertEquals(2, seen.matched());
        assertEquals(0.5, seen.precision(), 1e-12);
        assertEquals(2 / 3.0, seen.recall(), 1e-12);
        assertEquals(2 * 0.5 * (2 / 3.0) / (0.5 + 2 / 3.0), seen.f(), 1e-12);
        assertEquals(0, OnsetsSeen.of(change, new int[] {12, 33}).matched(), "two frames off is not seen");
        assertArrayEquals(new int[] {0, 2, 19}, OnsetsSeen.frames(new double[] {0, 0.1, 0.149, 0.96, 7}, FPS, 20),
                "time to frame, duplicates and frames past the end dropped");
    }

    @Test
    void aStillPictureHasNoPeaks() {
        assertEquals(0, OnsetsSeen.peaks(new double[50]).length);
    }

    @Test
    void flickerIsTheChangeAboveTheParametersBandwidth() {
        int n = 256;
        double[] slow = new double[n];
        double[] fast = new double[n];
        for (int t = 0; t < n; t++) {
            slow[t] = Math.sin(2 * Math.PI * 0.5 * t / FPS); // 0.5 Hz
            fast[t] = t % 2 == 0 ? 1 : -1; // 10 Hz, the highest a 20 fps video shows
        }
        Flicker follows = Flicker.of(slow, List.of(slow), FPS);
        assertTrue(follows.bandwidthHz() < 1.0, "bandwidth " + follows.bandwidthHz());
        assertTrue(follows.fraction() < 0.1, "a picture that changes as its parameter does: " + follows.fraction());
        Flicker flickers = Flicker.of(fast, List.of(slow), FPS);
        assertTrue(flickers.fraction() > 0.9, "alternating frames are flicker: " + flickers.fraction());
        Flicker unexplained = Flicker.of(slow, List.of(new double[n]), FPS);
        assertEquals(0.0, unexplained.bandwidthHz());
        assertEquals(1.0, unexplained.fraction(), 1e-9, "no varying parameter explains any change");
    }

    @Test
    void aCutIsAJumpAgainstCalmNeighbours() {
        double[] change = new double[40];
        java.util.Arrays.fill(change, 1, 40, 0.05);
        change[20] = 0.8;
        assertArrayEquals(new int[] {20}, SceneCuts.of(change));
        double[] wild = new double[40];
        java.util.Arrays.fill(wild, 1, 40, 0.7);
        assertArrayEquals(new int[0], SceneCuts.of(wild), "change everywhere is no cut");
    }

    private static double[] negate(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = -x[i];
        }
        return y;
    }
}
