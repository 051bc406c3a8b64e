package org.netbend.plan;

import java.util.Arrays;

/**
 * Onset strength and onset times on a fine hop, independent of the video frame rate (a 20 fps frame is 50 ms,
 * too coarse to place an onset within 10 ms) and of the playback level.
 *
 * <p>Detection function: a rectified log-spectral flux whose compression is relative to the recent level, so
 * the same music at −30 dB or +10 dB gives the same function. With an N-sample Hann window every H samples
 * (see {@link #WINDOW_SECONDS}, {@link #HOP_DIVISOR}), magnitudes a_j[k]:
 * <ul>
 *   <li>reference level r_j = max(max_k a_j[k], r_{j−1}·e^{−H/(sr·τ)}, r_min): a peak follower with a release
 *       of τ = {@value #REFERENCE_RELEASE_SECONDS} s, floored at r_min = {@value #REFERENCE_FLOOR} (−100 dBFS)
 *       so that digital near-silence is not blown up;</li>
 *   <li>L_j[k] = ln(1 + γ·a_j[k]/r_j), γ = {@value #GAMMA};</li>
 *   <li>odf_j = (1/(N/2)) Σ_{k≥1} max(0, L_j[k] − max(L_{j−1}[k−1], L_{j−1}[k], L_{j−1}[k+1])) — the
 *       previous spectrum maximum-filtered over neighbouring bins (Böck and Widmer's SuperFlux), so a piano's
 *       beating partials and vibrato do not read as new notes.</li>
 * </ul>
 * Hop j is timed at its window's centre, (j·H + N/2)/sr. Onsets are picked by {@link OnsetPicker} with an
 * adaptive threshold: moving median plus λ moving mean absolute deviations plus δ, where the sensitivity s in
 * [0, 1] sets λ = 2·(1.5 − s) and δ = 0.02·(1.5 − s) (default s = 0.5: λ = 2, δ = 0.02); the median and
 * deviation run over the 200 ms before the hop and the 20 ms after it, a peak must be the largest within ±20 ms
 * and at least 30 ms after the previous onset. A frame's onset strength is the
 * largest odf of the hops timed inside it.
 */
final class OnsetDetection {
    static final double WINDOW_SECONDS = 0.0116;
    static final int HOP_DIVISOR = 4;
    static final double GAMMA = 1000;
    static final double REFERENCE_RELEASE_SECONDS = 3;
    static final double REFERENCE_FLOOR = 1e-5;
    static final double MIN_GAP_SECONDS = 0.03;
    /** The moving median and deviation look this far back (and {@link #LOCAL_MAX_SECONDS} ahead). */
    static final double HISTORY_SECONDS = 0.2;
    static final double LOCAL_MAX_SECONDS = 0.02;
    /** λ and δ at sensitivity 0.5; both scale with (1.5 − s). */
    static final double LAMBDA = 2;
    static final double DELTA = 0.02;

    private final int sampleRate;
    private final int windowSize;
    private final int hop;
    private final Spectrum spectrum;
    private final float[] window;
    private double[] previousLog;
    private double[] currentLog;
    private final double release;
    private double reference = REFERENCE_FLOOR;
    private final OnsetPicker picker;
    private final FrameClock clock;
    private final FloatSeries strength;
    private final DoubleList onsetTimes = new DoubleList();
    private final DoubleList onsetSaliences = new DoubleList();
    private final DoubleList envelope = new DoubleList();
    private long nextHop;

    OnsetDetection(int sampleRate, FrameClock clock, FloatSeries strength, double sensitivity) {
        if (!(sensitivity >= 0 && sensitivity <= 1)) {
            throw new IllegalArgumentException("onset sensitivity must be in [0, 1], got " + sensitivity);
        }
        this.sampleRate = sampleRate;
        this.windowSize = Spectrum.sizeFor((int) Math.round(sampleRate * WINDOW_SECONDS));
        this.hop = windowSize / HOP_DIVISOR;
        this.spectrum = new Spectrum(windowSize, sampleRate);
        this.window = new float[windowSize];
        this.previousLog = new double[windowSize / 2 + 1];
        this.currentLog = new double[windowSize / 2 + 1];
        this.clock = clock;
        this.strength = strength;
        double hopSeconds = hop / (double) sampleRate;
        this.release = Math.exp(-hopSeconds / REFERENCE_RELEASE_SECONDS);
        this.picker = new OnsetPicker(Math.max(1, (int) Math.round(LOCAL_MAX_SECONDS / hopSeconds)),
                (int) Math.round(HISTORY_SECONDS / hopSeconds), lambdaFor(sensitivity), deltaFor(sensitivity),
                (int) Math.round(MIN_GAP_SECONDS / hopSeconds), this::onsetAt);
    }

    /** λ = 2·(1.5 − s): 3 at s = 0, 2 by default, 1 at s = 1. */
    static double lambdaFor(double sensitivity) { return LAMBDA * (1.5 - sensitivity); }

    /** δ = 0.02·(1.5 − s). */
    static double deltaFor(double sensitivity) { return DELTA * (1.5 - sensitivity); }

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
            double odf = detect(spectrum.magnitude());
            long frame = clock.frameOf(start + windowSize / 2);
            if (frame < Integer.MAX_VALUE) {
                strength.max((int) frame, (float) odf);
            }
            envelope.add(odf);
            picker.push(odf);
            nextHop++;
        }
    }

    private double detect(double[] magnitude) {
        double peak = 0;
        for (int k = 1; k < magnitude.length; k++) {
            peak = Math.max(peak, magnitude[k]);
        }
        reference = Math.max(Math.max(peak, reference * release), REFERENCE_FLOOR);
        double scale = GAMMA / reference;
        int last = magnitude.length - 1;
        for (int k = 1; k <= last; k++) {
            currentLog[k] = Math.log1p(scale * magnitude[k]);
        }
        double rise = 0;
        for (int k = 1; k <= last; k++) {
            double before = Math.max(previousLog[k], Math.max(previousLog[k - 1], previousLog[Math.min(k + 1, last)]));
            rise += Math.max(0, currentLog[k] - before);
        }
        double[] swap = previousLog;
        previousLog = currentLog;
        currentLog = swap;
        return rise / last;
    }

    void finish() { picker.finish(); }

    private void onsetAt(long hopIndex, double value) {
        onsetTimes.add(timeOfHop(hopIndex));
        onsetSaliences.add(value);
    }

    double timeOfHop(long hopIndex) { return (hopIndex * hop + windowSize / 2.0) / sampleRate; }

    double hopSeconds() { return hop / (double) sampleRate; }

    double[] onsetTimes() { return onsetTimes.toArray(); }

    double[] onsetSaliences() { return onsetSaliences.toArray(); }

    /** The detection function, one value per hop (hop j at {@link #timeOfHop}), for the beat tracker. */
    double[] envelope() { return envelope.toArray(); }

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
