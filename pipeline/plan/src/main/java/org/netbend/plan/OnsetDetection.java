package org.netbend.plan;

import java.util.Arrays;

/**
 * Onset strength and onset times on a fine hop, independent of the video frame rate (a 20 fps frame is 50 ms,
 * too coarse to place an onset within 10 ms).
 *
 * <p>Onset detection function (rectified log-spectral flux): with an N-sample Hann window (N = 512 at 44.1 kHz,
 * 11.6 ms) every H = N/4 samples (2.9 ms), L_j[k] = ln(1 + γ·a_j[k]) with γ = 100, and
 * odf_j = (1/(N/2)) Σ_{k=1..N/2} max(0, L_j[k] − L_{j−1}[k]). Hop j is timed at its window's centre,
 * (j·H + N/2)/sr. Onsets are picked by {@link OnsetPicker} with w = 3 hops, a = 100 ms of history,
 * δ = 0.03 and at least 30 ms between onsets. A frame's onset strength is the largest odf of the hops timed
 * inside it.
 */
final class OnsetDetection {
    static final double GAMMA = 100;
    static final double DELTA = 0.03;
    static final double MIN_GAP_SECONDS = 0.03;
    static final double HISTORY_SECONDS = 0.1;

    private final int sampleRate;
    private final int windowSize;
    private final int hop;
    private final Spectrum spectrum;
    private final float[] window;
    private final double[] previousLog;
    private final double[] currentLog;
    private final OnsetPicker picker;
    private final FrameClock clock;
    private final FloatSeries strength;
    private final DoubleList onsetTimes = new DoubleList();
    private final DoubleList onsetSaliences = new DoubleList();
    private long nextHop;

    OnsetDetection(int sampleRate, FrameClock clock, FloatSeries strength) {
        this.sampleRate = sampleRate;
        this.windowSize = Spectrum.sizeFor((int) Math.round(sampleRate * 0.0116));
        this.hop = windowSize / 4;
        this.spectrum = new Spectrum(windowSize, sampleRate);
        this.window = new float[windowSize];
        this.previousLog = new double[windowSize / 2 + 1];
        this.currentLog = new double[windowSize / 2 + 1];
        this.clock = clock;
        this.strength = strength;
        double hopSeconds = hop / (double) sampleRate;
        this.picker = new OnsetPicker(3, (int) Math.round(HISTORY_SECONDS / hopSeconds), DELTA,
                (int) Math.round(MIN_GAP_SECONDS / hopSeconds), this::onsetAt);
    }

    /** First sample still needed by the next hop. */
    long nextStart() { return nextHop * hop; }

    /** Runs every hop whose window has arrived; after the stream's end, every hop that starts before the end. */
    void advance(SampleHistory history) {
        while (true) {
            long start = nextHop * hop;
            if (history.ended() ? start >= history.available() : !history.covers(start, windowSize)) {
                return;
            }
            history.copy(start, windowSize, window);
            spectrum.compute(window, windowSize);
            double[] magnitude = spectrum.magnitude();
            double rise = 0;
            for (int k = 1; k < magnitude.length; k++) {
                currentLog[k] = Math.log1p(GAMMA * magnitude[k]);
                rise += Math.max(0, currentLog[k] - previousLog[k]);
            }
            System.arraycopy(currentLog, 0, previousLog, 0, currentLog.length);
            double odf = rise / (magnitude.length - 1);
            long frame = clock.frameOf(start + windowSize / 2);
            if (frame < Integer.MAX_VALUE) {
                strength.max((int) frame, (float) odf);
            }
            picker.push(odf);
            nextHop++;
        }
    }

    void finish() { picker.finish(); }

    private void onsetAt(long hopIndex, double value) {
        onsetTimes.add(timeOfHop(hopIndex));
        onsetSaliences.add(value);
    }

    double timeOfHop(long hopIndex) { return (hopIndex * hop + windowSize / 2.0) / sampleRate; }

    double[] onsetTimes() { return onsetTimes.toArray(); }

    double[] onsetSaliences() { return onsetSaliences.toArray(); }

    /** A growable list of doubles. */
    static final class DoubleList {
        private double[] values = new double[256];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        double get(int index) { return values[index]; }

        int size() { return size; }

        double[] toArray() { return Arrays.copyOf(values, size); }
    }
}
