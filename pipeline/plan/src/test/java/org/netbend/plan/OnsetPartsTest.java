package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The onset detector's two helpers on hand-made signals: clip repair and attack timing. */
class OnsetPartsTest {
    private static final int SR = 44_100;

    @Test
    void aHardClippedSineIsBridgedBackNearTheOriginalAndAnUnclippedOneIsUntouched() {
        int n = 2048;
        float[] sine = new float[n];
        float[] clipped = new float[n];
        for (int i = 0; i < n; i++) {
            sine[i] = (float) (2 * Math.sin(2 * Math.PI * 220 * i / SR)); // peak 2: +6 dB over full scale
            clipped[i] = Math.max(-1f, Math.min(1f, sine[i]));
        }
        int runs = new ClipRepair().repair(clipped, n);
        assertTrue(runs >= 15, "every clipped half-period is a run (220 Hz over 46 ms: about 20), got " + runs);
        double worstBefore = 0;
        double worstAfter = 0;
        for (int i = 100; i < n - 100; i++) {
            worstBefore = Math.max(worstBefore, Math.abs(Math.max(-1, Math.min(1, sine[i])) - sine[i]));
            worstAfter = Math.max(worstAfter, Math.abs(clipped[i] - sine[i]));
        }
        assertEquals(1.0, worstBefore, 0.01, "clipping took the peaks from 2 to 1");
        assertTrue(worstAfter < 0.5, "the cubic restores most of each peak: off by at most " + worstAfter);

        float[] quiet = new float[n];
        for (int i = 0; i < n; i++) {
            quiet[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / SR) + 0.01 * Math.sin(2 * Math.PI * 3000 * i / SR));
        }
        float[] copy = quiet.clone();
        assertEquals(0, new ClipRepair().repair(copy, n), "no run of equal samples at the peak");
        assertTrue(java.util.Arrays.equals(quiet, copy));
    }

    @Test
    void aClickIsPlacedOnItsBlockAndASlowSwellKeepsTheDetectorsTime() {
        AttackTimer timer = new AttackTimer(SR);
        float[] signal = new float[SR];
        int click = 20_000; // 0.4535 s
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            signal[click + i] = (float) (0.8 * Math.exp(-i / 88.0) * (2 * random.nextDouble() - 1));
        }
        feed(timer, signal);
        double detected = click / (double) SR - 0.015; // the 46 ms window sees it 15 ms early
        assertEquals(click / (double) SR, timer.refine(detected), 0.003);

        AttackTimer slow = new AttackTimer(SR);
        float[] swell = new float[SR];
        for (int i = 0; i < SR; i++) { // a 440 Hz tone rising linearly over 200 ms from 0.4 s
            double gain = Math.max(0, Math.min(1, (i - 0.4 * SR) / (0.2 * SR)));
            swell[i] = (float) (gain * 0.5 * Math.sin(2 * Math.PI * 440 * i / SR) + 1e-3 * Math.sin(2 * Math.PI * 97 * i / SR));
        }
        feed(slow, swell);
        assertEquals(0.45, slow.refine(0.45), 1e-12, "no 3 dB jump within 3 ms: the time stays");
    }

    /** Feeds the timer overlapping 2048-sample windows every 256 samples, as the detector does. */
    private static void feed(AttackTimer timer, float[] signal) {
        float[] window = new float[2048];
        for (long hop = 0; hop * 256 < signal.length; hop++) {
            long start = hop * 256 - 1024;
            for (int i = 0; i < window.length; i++) {
                long at = start + i;
                window[i] = at >= 0 && at < signal.length ? signal[(int) at] : 0;
            }
            timer.accept(window, start, window.length);
        }
    }
}
