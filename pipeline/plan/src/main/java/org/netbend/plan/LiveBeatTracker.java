package org.netbend.plan;

/**
 * A causal beat tracker for live mode, on the onset detection function heard so far: every
 * {@value BeatTracking#TEMPO_STEP_SECONDS} s it re-estimates the tempo and the phase from the past
 * {@value #WINDOW_SECONDS} s only, and it predicts the beats ahead from them.
 * <ul>
 *   <li>tempo: the period τ in [0.3 s, 1 s] that maximises offline's score ({@link BeatTracking#periodScore}: the
 *       autocorrelation of the capped, mean-removed detection function, scaled to 1, under the prior around
 *       120 BPM) over that window, refined by a parabola; no path through time (that needs the future), so a
 *       tempo change is followed within one window;</li>
 *   <li>phase: the offset o in [0, τ) whose comb Σ_k odf(now − o − k·τ) over the window is largest: the last
 *       beat heard is at now − o;</li>
 *   <li>beats: last beat + k·τ, the next one after the last beat already given (at least τ/2 later).</li>
 * </ul>
 * It settles once {@value #SETTLE_SECONDS} s have been heard (the longest period twice); before that the tempo
 * is 0 and no beat is predicted.
 */
final class LiveBeatTracker {
    /** The past the tempo and the phase are estimated over. */
    static final double WINDOW_SECONDS = 6.0;
    /** Audio needed before the first estimate: twice the longest period. */
    static final double SETTLE_SECONDS = 2 * BeatTracking.MAX_PERIOD_SECONDS;

    private final OnsetDetection onsets;
    private final double hopSeconds;
    private final int minLag;
    private final int maxLag;
    private final int windowHops;
    private double period;      // seconds, 0 until settled
    private double lastBeat;    // the most recent beat heard, seconds
    private double lastGiven = Double.NEGATIVE_INFINITY;
    private double nextUpdate = SETTLE_SECONDS;

    LiveBeatTracker(OnsetDetection onsets) {
        this.onsets = onsets;
        this.hopSeconds = onsets.hopSeconds();
        this.minLag = (int) Math.ceil(BeatTracking.MIN_PERIOD_SECONDS / hopSeconds);
        this.maxLag = (int) Math.floor(BeatTracking.MAX_PERIOD_SECONDS / hopSeconds);
        this.windowHops = (int) Math.round(WINDOW_SECONDS / hopSeconds);
    }

    /** Tempo in BPM, 0 until settled (or while the window is silent). */
    double tempo() { return period > 0 ? 60 / period : 0; }

    /** Seconds per beat, 0 until settled. */
    double period() { return period; }

    /** The last beat given (seconds), or −∞. */
    double lastGiven() { return lastGiven; }

    /** The grid's anchor: the last beat heard at the latest estimate (seconds). */
    double lastBeat() { return lastBeat; }

    /**
     * Re-estimates, from the hops whose window ends within the first {@code heardSamples} samples, when
     * that much audio has passed the next grid point.
     */
    void update(long heardSamples, int sampleRate) {
        double heardSeconds = heardSamples / (double) sampleRate;
        if (heardSeconds < nextUpdate) {
            return;
        }
        nextUpdate = Math.floor(heardSeconds / BeatTracking.TEMPO_STEP_SECONDS + 1) * BeatTracking.TEMPO_STEP_SECONDS;
        int hops = onsets.hopsWithin(heardSamples);
        int from = Math.max(0, hops - windowHops);
        if (hops - from < 2 * maxLag) {
            return;
        }
        double[] window = new double[hops - from];
        for (int j = from; j < hops; j++) {
            window[j - from] = onsets.envelopeAt(j);
        }
        double lag = bestLag(window);
        if (lag > 0) {
            period = lag * hopSeconds;
            lastBeat = onsets.timeOfHop(from + lastBeatIndex(window, lag));
        }
    }

    /** The period in hops (fractional) with the best score, or 0 when the window is silent. */
    private double bestLag(double[] window) {
        double[] acf = BeatTracking.autocorrelation(window, 0, window.length - 1, minLag - 1, maxLag + 1);
        double top = 0;
        for (int i = 1; i < acf.length - 1; i++) {
            top = Math.max(top, acf[i]);
        }
        if (!(top > 0)) {
            return 0;
        }
        int best = 1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < acf.length - 1; i++) {
            double score = BeatTracking.periodScore(Math.max(0, acf[i]) / top, (minLag - 1 + i) * hopSeconds);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        double left = acf[best - 1];
        double right = acf[best + 1];
        double curvature = left - 2 * acf[best] + right;
        double shift = curvature < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / curvature)) : 0;
        return minLag - 1 + best + shift;
    }

    /** The index in the window of the last beat: the comb offset with the most detection function under it. */
    private static int lastBeatIndex(double[] window, double lag) {
        int last = window.length - 1;
        int offsets = (int) Math.ceil(lag);
        int best = 0;
        double bestSum = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < offsets; o++) {
            double sum = 0;
            for (int k = 0; ; k++) {
                int index = last - o - (int) Math.round(k * lag);
                if (index < 0) {
                    break;
                }
                sum += window[index];
            }
            if (sum > bestSum) {
                bestSum = sum;
                best = o;
            }
        }
        return last - best;
    }

    /**
     * The predicted beat in [from − τ/4, to) seconds, if any, which becomes the last given: the beats are last beat +
     * k·τ, at least τ/2 after the previous one given.
     */
    boolean beatIn(double from, double to) {
        if (period <= 0) {
            return false;
        }
        // a beat a re-estimate moved to just before this frame still fires (late by < τ/4) rather than be lost
        double earliest = Math.max(from - period / 4, lastGiven + period / 2);
        double next = lastBeat + Math.ceil((earliest - lastBeat) / period - 1e-9) * period;
        if (next < to) {
            lastGiven = next;
            return true;
        }
        return false;
    }
}
