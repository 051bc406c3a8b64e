package org.netbend.plan;

import java.util.function.IntToDoubleFunction;

/**
 * Per-frame clocks that follow event times (onsets, beats), so a bend can pulse on the beat or decay after each
 * note. c_i is the middle of frame i's interval and e_i its end, in seconds.
 */
final class EventClock {
    private EventClock() { }

    /**
     * since_i = max(0, c_i − t) with t the last event before e_i: 0 on the frame that holds the event, then
     * growing by 1/fps a frame. Before the first event it is 0 (so silence gives 0, like every feature).
     * Does nothing when {@code out} is null (not requested).
     */
    static void since(double[] events, int frameCount, IntToDoubleFunction centre, IntToDoubleFunction end,
            FloatSeries out) {
        if (out == null) {
            return;
        }
        int next = 0;
        double last = Double.NaN;
        for (int i = 0; i < frameCount; i++) {
            double frameEnd = end.applyAsDouble(i);
            while (next < events.length && events[next] < frameEnd) {
                last = events[next++];
            }
            out.set(i, next == 0 ? 0f : (float) Math.max(0, centre.applyAsDouble(i) - last));
        }
    }

    /**
     * phase_i = (c_i − b_k) / (b_{k+1} − b_k) for b_k ≤ c_i < b_{k+1}: 0 → 1 across each beat. Before the first
     * beat and after the last the nearest beat interval is extended (phase taken modulo 1); with fewer than two
     * beats the phase is 0. Does nothing when {@code out} is null.
     */
    static void phase(double[] beats, int frameCount, IntToDoubleFunction centre, FloatSeries out) {
        if (out == null) {
            return;
        }
        if (beats.length < 2) {
            for (int i = 0; i < frameCount; i++) {
                out.set(i, 0f);
            }
            return;
        }
        int k = 0; // beats[k] <= c < beats[k + 1] once c passed the first beat
        for (int i = 0; i < frameCount; i++) {
            double c = centre.applyAsDouble(i);
            while (k + 2 < beats.length && beats[k + 1] <= c) {
                k++;
            }
            double from = beats[k];
            double length = beats[k + 1] - beats[k];
            double phase = (c - from) / length;
            if (c < beats[0] || c >= beats[beats.length - 1]) {
                phase -= Math.floor(phase); // extended beyond the beats
            }
            float value = (float) phase;
            out.set(i, value >= 1f ? Math.nextDown(1f) : value);
        }
    }
}
