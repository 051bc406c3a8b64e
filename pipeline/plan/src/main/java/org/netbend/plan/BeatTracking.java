package org.netbend.plan;

/**
 * Beats by dynamic programming over the onset detection function (Ellis 2007, "Beat tracking by dynamic
 * programming"), with a beat period that may change along the track: the local tempo of {@link #tempoPerFrame}.
 * Tempo per frame comes from the onsets around it, so beats follow a tempo change as soon as the tempo does.
 */
final class BeatTracking {
    /** Half-width of the window of onsets that set a frame's tempo. */
    static final double TEMPO_HALF_WINDOW_SECONDS = 3.0;
    static final double MIN_PERIOD_SECONDS = 0.3;
    static final double MAX_PERIOD_SECONDS = 1.0;
    static final double PERIOD_TOLERANCE = 0.02;
    /** How strongly an interval between beats is held to the local period (librosa's default tightness). */
    static final double TIGHTNESS = 100;
    /** Beats at either end whose detection value is below this fraction of the RMS at beats are dropped. */
    static final double EDGE_TRIM = 0.5;

    private BeatTracking() { }

    /**
     * Beat times in seconds. With e the detection function divided by its standard deviation (one value per hop
     * of {@code hopSeconds}, hop j timed at {@code firstHop + j·hopSeconds}) and P(t) the local beat period:
     * <pre>C(t) = e(t) + max over τ in [t − 2P, t − P/2] of ( C(τ) − 100·ln²((t − τ)/P) )</pre>
     * (C(t) = e(t) where no τ is in reach); the last beat is the best C within the last period, the earlier
     * ones follow the back-links; beats at the two ends below half the RMS of e at beats are trimmed.
     */
    static double[] beats(double[] envelope, double firstHop, double hopSeconds, double[] tempoBpm, double fps) {
        int n = envelope.length;
        if (n == 0) {
            return new double[0];
        }
        double mean = 0;
        for (double v : envelope) {
            mean += v;
        }
        mean /= n;
        double variance = 0;
        for (double v : envelope) {
            variance += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(variance / n);
        if (!(std > 0)) {
            return new double[0];
        }
        double[] score = new double[n];
        int[] back = new int[n];
        int[] periodHops = new int[n];
        double[] penalty = new double[0];  // penalty[d] = 100·ln²(d/P) for the current P, rebuilt when P changes
        double penaltyPeriod = Double.NaN;
        for (int t = 0; t < n; t++) {
            double time = firstHop + t * hopSeconds;
            int frame = (int) Math.min(tempoBpm.length - 1, Math.max(0, Math.floor(time * fps)));
            double bpm = tempoBpm.length == 0 ? 0 : tempoBpm[frame];
            if (!(bpm > 0)) {
                return new double[0]; // no tempo anywhere: no beats
            }
            double period = 60 / bpm / hopSeconds;
            periodHops[t] = (int) Math.round(period);
            if (period != penaltyPeriod) {
                penalty = new double[(int) Math.round(2 * period) + 2];
                for (int d = 1; d < penalty.length; d++) {
                    double log = Math.log(d / period);
                    penalty[d] = TIGHTNESS * log * log;
                }
                penaltyPeriod = period;
            }
            double local = envelope[t] / std;
            int from = (int) Math.max(0, Math.round(t - 2 * period));
            int to = (int) Math.round(t - period / 2);
            double best = Double.NEGATIVE_INFINITY;
            int link = -1;
            for (int tau = from; tau <= to; tau++) {
                double candidate = score[tau] - penalty[t - tau];
                if (candidate > best) {
                    best = candidate;
                    link = tau;
                }
            }
            score[t] = link < 0 ? local : local + best;
            back[t] = link;
        }
        int last = n - 1;
        for (int t = Math.max(0, n - 1 - periodHops[n - 1]); t < n; t++) {
            if (score[t] > score[last]) {
                last = t;
            }
        }
        OnsetDetection.DoubleList reversed = new OnsetDetection.DoubleList();
        OnsetDetection.DoubleList strengths = new OnsetDetection.DoubleList();
        for (int t = last; t >= 0; t = back[t]) {
            reversed.add(t);
            strengths.add(envelope[t] / std);
        }
        double squares = 0;
        for (int i = 0; i < strengths.size(); i++) {
            squares += strengths.get(i) * strengths.get(i);
        }
        double floor = EDGE_TRIM * Math.sqrt(squares / strengths.size());
        int end = 0;  // index in reversed of the last beat kept
        while (end < reversed.size() && strengths.get(end) < floor) {
            end++;
        }
        int start = reversed.size() - 1;
        while (start >= end && strengths.get(start) < floor) {
            start--;
        }
        double[] times = new double[Math.max(0, start - end + 1)];
        for (int i = start; i >= end; i--) {
            times[start - i] = firstHop + reversed.get(i) * hopSeconds;
        }
        return times;
    }

    /**
     * Local tempo in BPM at each frame's centre time t, from the onsets around it, so that it follows tempo
     * changes (BeatRoot's single best agent keeps one tempo for the whole track):
     * <ol>
     *   <li>take the intervals d between successive onsets that both lie in [t − 3 s, t + 3 s];</li>
     *   <li>fold each into the beat-period range [0.3 s, 1 s) (200..60 BPM) by doubling or halving, so
     *       eighth-note hi-hats count for the beat they subdivide;</li>
     *   <li>the period P is the mode of the folded intervals (the one with the most others within ±2 %), refined
     *       as the mean of those within ±2 % of it; tempo = 60 / P.</li>
     * </ol>
     * Frames with fewer than two intervals in reach take the tempo of the nearest frame that has one; 0 when no
     * frame has one.
     */
    static double[] tempoPerFrame(double[] onsetTimes, int frameCount, double fps) {
        double[] tempo = new double[frameCount];
        if (onsetTimes.length < 3) {
            return tempo;
        }
        double[] folded = new double[onsetTimes.length];
        int from = 0;
        for (int f = 0; f < frameCount; f++) {
            double t = (f + 0.5) / fps;
            while (from < onsetTimes.length && onsetTimes[from] < t - TEMPO_HALF_WINDOW_SECONDS) {
                from++;
            }
            int count = 0;
            for (int i = from; i + 1 < onsetTimes.length && onsetTimes[i + 1] <= t + TEMPO_HALF_WINDOW_SECONDS; i++) {
                folded[count++] = fold(onsetTimes[i + 1] - onsetTimes[i]);
            }
            tempo[f] = count >= 2 ? 60 / modePeriod(folded, count) : 0;
        }
        fillGaps(tempo);
        return tempo;
    }

    static double fold(double interval) {
        double d = interval;
        while (d < MIN_PERIOD_SECONDS) {
            d *= 2;
        }
        while (d >= MAX_PERIOD_SECONDS) {
            d /= 2;
        }
        return d;
    }

    private static double modePeriod(double[] periods, int count) {
        int bestSupport = -1;
        double best = periods[0];
        for (int i = 0; i < count; i++) {
            int support = 0;
            for (int j = 0; j < count; j++) {
                if (Math.abs(periods[j] - periods[i]) <= PERIOD_TOLERANCE * periods[i]) {
                    support++;
                }
            }
            if (support > bestSupport) {
                bestSupport = support;
                best = periods[i];
            }
        }
        double sum = 0;
        int n = 0;
        for (int j = 0; j < count; j++) {
            if (Math.abs(periods[j] - best) <= PERIOD_TOLERANCE * best) {
                sum += periods[j];
                n++;
            }
        }
        return sum / n;
    }

    /** Replaces zeros by the nearest non-zero value (forward, then backward). */
    private static void fillGaps(double[] tempo) {
        double last = 0;
        for (int i = 0; i < tempo.length; i++) {
            if (tempo[i] > 0) {
                last = tempo[i];
            } else {
                tempo[i] = last;
            }
        }
        last = 0;
        for (int i = tempo.length - 1; i >= 0; i--) {
            if (tempo[i] > 0) {
                last = tempo[i];
            } else {
                tempo[i] = last;
            }
        }
    }
}
