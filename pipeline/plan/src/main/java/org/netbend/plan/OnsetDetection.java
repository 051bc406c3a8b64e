package org.netbend.plan;

import java.util.Arrays;

/**
 * Onset strength and onset times on a fine hop, independent of the video frame rate (a 20 fps frame is 50 ms,
 * too coarse to place an onset within 10 ms), of the playback level and of hard clipping.
 *
 * <p>Detection function: the rectified flux of a log mel spectrogram whose floor is relative to the recent
 * level (librosa's onset strength, with a level-independent reference). With an N-sample Hann window every H
 * samples (N = 2048, 46 ms, H = 256, 5.8 ms at 44.1 kHz; see {@link #WINDOW_SECONDS}, {@link #HOP_DIVISOR}),
 * magnitudes a_j[k] normalised so that a sine of amplitude A peaks at A:
 * <ul>
 *   <li>clipped runs (equal samples at the loudest magnitude so far) are first bridged ({@link ClipRepair}),
 *       so a clipped master does not read as broadband flux at every peak;</li>
 *   <li>E_j[m] = Σ_k w_m(f_k)·a_j[k]², M = {@value #BANDS} triangular mel bands over
 *       {@value #MIN_HZ}..{@value #MAX_HZ} Hz ({@link MelFilterBank});</li>
 *   <li>reference r_j = max(max_m E_j[m], r_{j−1}·e^{−2H/(sr·τ)}, r_min): a peak follower with a release of
 *       τ = {@value #REFERENCE_RELEASE_SECONDS} s in amplitude, floored at r_min = {@value #REFERENCE_FLOOR}
 *       (−100 dBFS) so that digital near-silence is not blown up;</li>
 *   <li>L_j[m] = ½·ln(max(E_j[m], r_j·10^{−8})): log amplitude with a floor 80 dB under the reference;</li>
 *   <li>odf_j = (1/M) Σ_m max(0, L_j[m] − L_{j−{@value #LAG}}[m]) — the rise over 11.6 ms. The 46 ms window
 *       and the mel bands average out a string ensemble's shimmer and a piano's beating partials, while a
 *       slow bow attack still lifts its new partials' bands by several nepers from the floor.</li>
 * </ul>
 * Hop j's window is centred on sample j·H, and it is timed there; a picked onset with a sharp attack is then
 * moved to the 3 ms block where its energy jumps ({@link AttackTimer}). Onsets are picked by {@link OnsetPicker}
 * with an adaptive threshold: moving median plus λ moving mean absolute deviations plus δ, where the
 * sensitivity s in [0, 1] sets λ = 1.5·(1.5 − s) and δ = 0.1·(1.5 − s) (default s = 0.5: λ = 1.5, δ = 0.1);
 * the median and deviation run over the 200 ms before the hop and the 30 ms after it, a peak must be the
 * largest within ±30 ms and at least 30 ms after the previous onset. A frame's onset strength is the largest
 * odf of the hops timed inside it.
 */
final class OnsetDetection {
    static final double WINDOW_SECONDS = 0.0464;
    static final int HOP_DIVISOR = 8;
    static final int BANDS = 128;
    static final double MIN_HZ = 30;
    static final double MAX_HZ = 11_025;
    /** Hops between the two spectra compared. */
    static final int LAG = 2;
    /** The log floor under the reference, as a power ratio (80 dB). */
    static final double FLOOR_RATIO = 1e-8;
    static final double REFERENCE_RELEASE_SECONDS = 3;
    static final double REFERENCE_FLOOR = 1e-10;
    static final double MIN_GAP_SECONDS = 0.03;
    /** The moving median and deviation look this far back (and {@link #LOCAL_MAX_SECONDS} ahead). */
    static final double HISTORY_SECONDS = 0.2;
    static final double LOCAL_MAX_SECONDS = 0.03;
    /** λ and δ at sensitivity 0.5; both scale with (1.5 − s). */
    static final double LAMBDA = 1.5;
    static final double DELTA = 0.1;

    private final int sampleRate;
    private final int windowSize;
    private final int hop;
    private final Spectrum spectrum;
    private final float[] window;
    private final MelFilterBank bands;
    private final double[] power;
    private final double[] bandEnergy;
    /** The last LAG + 1 log spectra, by hop index modulo LAG + 1. */
    private final double[][] logBands;
    private final ClipRepair clipRepair = new ClipRepair();
    private final AttackTimer attackTimer;
    private final double release;
    private double reference = REFERENCE_FLOOR;
    private final OnsetPicker picker;
    private final FrameClock clock;
    private final FloatSeries strength;
    private final DoubleList onsetTimes = new DoubleList();
    private final DoubleList onsetSaliences = new DoubleList();
    private final DoubleList envelope = new DoubleList();
    /** The hop of each onset's peak, for the live detection time ({@link #detectedBy}). */
    private final DoubleList onsetHops = new DoubleList();
    private final int lookAheadHops;
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
        this.bands = new MelFilterBank(windowSize, sampleRate, BANDS, MIN_HZ, Math.min(MAX_HZ, sampleRate / 2.0));
        this.power = new double[windowSize / 2 + 1];
        this.bandEnergy = new double[BANDS];
        this.logBands = new double[LAG + 1][BANDS];
        this.attackTimer = new AttackTimer(sampleRate);
        this.clock = clock;
        this.strength = strength;
        double hopSeconds = hop / (double) sampleRate;
        this.lookAheadHops = Math.max(1, (int) Math.round(LOCAL_MAX_SECONDS / hopSeconds));
        this.release = Math.exp(-2 * hopSeconds / REFERENCE_RELEASE_SECONDS); // of power: twice amplitude's rate
        this.picker = new OnsetPicker(lookAheadHops,
                (int) Math.round(HISTORY_SECONDS / hopSeconds), lambdaFor(sensitivity), deltaFor(sensitivity),
                (int) Math.round(MIN_GAP_SECONDS / hopSeconds), this::onsetAt);
    }

    /** λ = 1.5·(1.5 − s): 2.25 at s = 0, 1.5 by default, 0.75 at s = 1. */
    static double lambdaFor(double sensitivity) { return LAMBDA * (1.5 - sensitivity); }

    /** δ = 0.1·(1.5 − s). */
    static double deltaFor(double sensitivity) { return DELTA * (1.5 - sensitivity); }

    /** First sample still needed by the next hop. */
    long nextStart() { return startOf(nextHop); }

    /** Hop j's window is centred on sample j·H. */
    private long startOf(long hopIndex) { return hopIndex * hop - windowSize / 2; }

    /** Runs every hop whose window has arrived; after the stream's end, every hop centred before the end. */
    void advance(SampleHistory history) {
        while (true) {
            long start = startOf(nextHop);
            long centre = nextHop * hop;
            if (history.ended() ? centre >= history.available() : !history.covers(start, windowSize)) {
                return;
            }
            history.copy(start, windowSize, window);
            attackTimer.accept(window, start, windowSize);
            clipRepair.repair(window, windowSize);
            spectrum.compute(window, windowSize);
            double odf = detect(spectrum.magnitude(), nextHop);
            long frame = clock.frameOf(centre);
            if (frame < Integer.MAX_VALUE) {
                strength.max((int) frame, (float) odf);
            }
            envelope.add(odf);
            picker.push(odf);
            nextHop++;
        }
    }

    private double detect(double[] magnitude, long hopIndex) {
        for (int k = 0; k < magnitude.length; k++) {
            power[k] = magnitude[k] * magnitude[k];
        }
        bands.apply(power, bandEnergy);
        double peak = 0;
        for (double e : bandEnergy) {
            peak = Math.max(peak, e);
        }
        reference = Math.max(Math.max(peak, reference * release), REFERENCE_FLOOR);
        double floor = reference * FLOOR_RATIO;
        double[] current = logBands[(int) (hopIndex % (LAG + 1))];
        for (int m = 0; m < BANDS; m++) {
            current[m] = 0.5 * Math.log(Math.max(bandEnergy[m], floor));
        }
        if (hopIndex < LAG) {
            return 0; // nothing to compare with yet: the track starts from silence, not from a jump
        }
        double[] before = logBands[(int) ((hopIndex - LAG) % (LAG + 1))];
        double rise = 0;
        for (int m = 0; m < BANDS; m++) {
            rise += Math.max(0, current[m] - before[m]);
        }
        return rise / BANDS;
    }

    void finish() { picker.finish(); }

    private void onsetAt(long hopIndex, double value) {
        double coarse = timeOfHop(hopIndex);
        double time = attackTimer.refine(coarse);
        double previous = onsetTimes.size() == 0 ? Double.NEGATIVE_INFINITY : onsetTimes.get(onsetTimes.size() - 1);
        onsetTimes.add(time > previous + MIN_GAP_SECONDS / 3 ? time : coarse); // never reorder or merge onsets
        onsetSaliences.add(value);
        onsetHops.add(hopIndex);
    }

    /** Onsets picked so far (live: each is picked once {@link #detectedBy} samples have been heard). */
    int onsetCount() { return onsetTimes.size(); }

    double onsetTime(int index) { return onsetTimes.get(index); }

    /**
     * Samples that must have been heard for onset {@code index} to be picked: the picker waits for the hop
     * {@value #LOCAL_MAX_SECONDS} s after the peak, whose window reaches half a window further.
     */
    long detectedBy(int index) { return ((long) onsetHops.get(index) + lookAheadHops) * hop + windowSize / 2; }

    /** The longest wait between an onset's peak hop and its pick, in seconds (30 ms + half the 46 ms window). */
    double detectionDelaySeconds() { return (lookAheadHops * hop + windowSize / 2) / (double) sampleRate; }

    /** Hops whose whole window lies in the first {@code samples} samples. */
    int hopsWithin(long samples) {
        long hops = Math.floorDiv(samples - windowSize / 2, (long) hop) + 1;
        return (int) Math.max(0, Math.min(hops, envelope.size()));
    }

    /** Hops of the detection function computed so far. */
    int hopsComputed() { return envelope.size(); }

    /** Detection-function value of hop {@code index} (< {@link #hopsComputed}). */
    double envelopeAt(int index) { return envelope.get(index); }

    double timeOfHop(long hopIndex) { return hopIndex * hop / (double) sampleRate; }

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
