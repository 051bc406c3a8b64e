package org.netbend.plan;

/**
 * Beats by dynamic programming over the onset detection function (Ellis 2007, "Beat tracking by dynamic
 * programming"), with a beat period that may change along the track: the local tempo of {@link #tempoPerFrame}.
 * Tempo per frame comes from the detection function around it, so beats follow a tempo change as soon as the
 * tempo does.
 */
final class BeatTracking {
    /** Half-width of the window of onsets that set a frame's tempo. */
    static final double TEMPO_HALF_WINDOW_SECONDS = 3.0;
    static final double MIN_PERIOD_SECONDS = 0.3;
    static final double MAX_PERIOD_SECONDS = 1.0;
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

    /** Tempo is estimated on this grid and held between its points. */
    static final double TEMPO_STEP_SECONDS = 0.25;
    /** The weak global prior: log-normal around 120 BPM, one octave wide. */
    static final double PRIOR_BPM = 120;
    static final double PRIOR_OCTAVES = 1;
    /** Cost of a tempo change between grid points, per squared octave, and its cap. */
    static final double CHANGE_COST = 200;
    static final double CHANGE_COST_CAP = 2;
    /** Extra cost of a change to about twice or half the tempo: the octave error a slow-down invites. */
    static final double OCTAVE_COST = 6;
    private static final double SCORE_FLOOR = 0.01;
    /** The detection function is capped at this multiple of its window's mean before correlating. */
    private static final double CAP = 3;

    /**
     * Local tempo in BPM at each frame, from the detection function itself, tracked so that it follows gradual
     * and sudden changes but holds its octave:
     * <ol>
     *   <li>every {@value #TEMPO_STEP_SECONDS} s, the autocorrelation A(τ) of the mean-removed detection
     *       function, capped at 3 times its mean, over the ±{@value #TEMPO_HALF_WINDOW_SECONDS} s around it (the first and last 6 s of the
     *       track near its ends), for beat periods τ in
     *       [0.3 s, 1 s] (200..60 BPM), scaled to a largest value of 1 (S = max(A, 0)/max A);</li>
     *   <li>the path of periods through the grid that maximises Σ ln(S(τ) + 0.01) − (log2(60/(τ·120)))²/2
     *       minus, for each step, min(200·(log2 ratio)², 2) plus 6 when the ratio is within 12 % of 2 or ½
     *       (Viterbi): a slow-down costs almost nothing, a sudden change is taken once the evidence has
     *       outweighed 2 for a step or two, an octave jump needs far more, so a ritardando keeps its octave;</li>
     *   <li>each period refined by a parabola through A at τ − 1, τ, τ + 1; tempo = 60/τ, held from a grid
     *       point to the next.</li>
     * </ol>
     * Grid points whose window is silent (no variation) take the nearest tempo; 0 everywhere when the whole
     * track has none.
     */
    static double[] tempoPerFrame(double[] envelope, double firstHop, double hopSeconds, int frameCount,
            double fps) {
        double[] tempo = new double[frameCount];
        int minLag = (int) Math.ceil(MIN_PERIOD_SECONDS / hopSeconds);
        int maxLag = (int) Math.floor(MAX_PERIOD_SECONDS / hopSeconds);
        int half = (int) Math.round(TEMPO_HALF_WINDOW_SECONDS / hopSeconds);
        double duration = frameCount / fps;
        int points = (int) Math.floor(duration / TEMPO_STEP_SECONDS) + 1;
        if (envelope.length < 2 * maxLag || minLag < 1 || frameCount == 0) {
            return tempo;
        }
        int lags = maxLag - minLag + 1;
        double[][] acf = new double[points][];
        double[][] score = new double[points][];
        boolean[] voiced = new boolean[points];
        boolean any = false;
        for (int g = 0; g < points; g++) {
            int centre = (int) Math.round((g * TEMPO_STEP_SECONDS - firstHop) / hopSeconds);
            // near either end the window slides inwards rather than shrinking: the first beats get 6 s of evidence
            int from = Math.max(0, Math.min(centre - half, envelope.length - 1 - 2 * half));
            acf[g] = autocorrelation(envelope, from, from + 2 * half, minLag - 1, maxLag + 1);
            double best = 0;
            for (int i = 1; i <= lags; i++) {
                best = Math.max(best, acf[g][i]);
            }
            voiced[g] = best > 0;
            any |= voiced[g];
            score[g] = new double[lags];
            for (int i = 0; i < lags; i++) {
                double s = voiced[g] ? Math.max(0, acf[g][i + 1]) / best : 1;
                score[g][i] = periodScore(s, (minLag + i) * hopSeconds);
            }
        }
        if (!any) {
            return tempo;
        }
        int[] path = viterbi(score, minLag);
        double[] periodAt = new double[points];
        for (int g = 0; g < points; g++) {
            int i = path[g];
            double left = acf[g][i];
            double centre = acf[g][i + 1];
            double right = acf[g][i + 2];
            double curvature = left - 2 * centre + right;
            double shift = voiced[g] && curvature < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / curvature)) : 0;
            periodAt[g] = (minLag + i + shift) * hopSeconds;
        }
        fillSilent(periodAt, voiced);
        for (int f = 0; f < frameCount; f++) {
            int g = (int) Math.min(points - 1, Math.round((f + 0.5) / fps / TEMPO_STEP_SECONDS));
            tempo[f] = 60 / periodAt[g];
        }
        return tempo;
    }

    /** ln(S + 0.01) minus the log-normal prior around 120 BPM: a period's score, offline and live. */
    static double periodScore(double strength, double periodSeconds) {
        double octaves = log2(60 / (periodSeconds * PRIOR_BPM));
        return Math.log(strength + SCORE_FLOOR) - octaves * octaves / (2 * PRIOR_OCTAVES * PRIOR_OCTAVES);
    }

    /**
     * A(τ) = Σ_j (x_j − x̄)(x_{j+τ} − x̄) over j, j + τ in [from, to] ∩ the track, for τ = lo..hi (index τ − lo),
     * with x = min(e, 3·mean e): the first note after silence lifts every band at once and would otherwise
     * decide the correlation alone.
     */
    static double[] autocorrelation(double[] e, int from, int to, int lo, int hi) {
        int a = Math.max(0, from);
        int b = Math.min(e.length - 1, to);
        double[] out = new double[hi - lo + 1];
        if (b - a < hi) {
            return out;
        }
        double raw = 0;
        for (int j = a; j <= b; j++) {
            raw += e[j];
        }
        double cap = CAP * raw / (b - a + 1);
        double[] x = new double[b - a + 1];
        double mean = 0;
        for (int j = a; j <= b; j++) {
            x[j - a] = Math.min(e[j], cap);
            mean += x[j - a];
        }
        mean /= x.length;
        for (int j = 0; j < x.length; j++) {
            x[j] -= mean;
        }
        for (int tau = lo; tau <= hi; tau++) {
            double sum = 0;
            for (int j = 0; j + tau < x.length; j++) {
                sum += x[j] * x[j + tau];
            }
            out[tau - lo] = sum;
        }
        return out;
    }

    /** The lag index per grid point that maximises the scores minus the change costs. */
    private static int[] viterbi(double[][] score, int minLag) {
        int points = score.length;
        int lags = score[0].length;
        double[][] cost = new double[lags][lags];
        for (int i = 0; i < lags; i++) {
            for (int k = 0; k < lags; k++) {
                double ratio = log2((minLag + i) / (double) (minLag + k));
                double change = Math.min(CHANGE_COST * ratio * ratio, CHANGE_COST_CAP);
                cost[i][k] = change + (Math.abs(Math.abs(ratio) - 1) < log2(1.12) ? OCTAVE_COST : 0);
            }
        }
        double[] total = score[0].clone();
        int[][] back = new int[points][lags];
        for (int g = 1; g < points; g++) {
            double[] next = new double[lags];
            for (int i = 0; i < lags; i++) {
                double best = Double.NEGATIVE_INFINITY;
                int from = 0;
                for (int k = 0; k < lags; k++) {
                    double v = total[k] - cost[i][k];
                    if (v > best) {
                        best = v;
                        from = k;
                    }
                }
                next[i] = best + score[g][i];
                back[g][i] = from;
            }
            total = next;
        }
        int[] path = new int[points];
        int last = 0;
        for (int i = 1; i < lags; i++) {
            if (total[i] > total[last]) {
                last = i;
            }
        }
        path[points - 1] = last;
        for (int g = points - 1; g > 0; g--) {
            path[g - 1] = back[g][path[g]];
        }
        return path;
    }

    private static double log2(double x) { return Math.log(x) / Math.log(2); }

    /** Silent grid points take the period of the nearest voiced one. */
    private static void fillSilent(double[] period, boolean[] voiced) {
        double[] copy = period.clone();
        for (int g = 0; g < period.length; g++) {
            if (voiced[g]) {
                continue;
            }
            for (int d = 1; d < period.length; d++) {
                if (g - d >= 0 && voiced[g - d]) {
                    period[g] = copy[g - d];
                    break;
                }
                if (g + d < period.length && voiced[g + d]) {
                    period[g] = copy[g + d];
                    break;
                }
            }
        }
    }

    /**
     * Moves each beat to an onset within ±{@code tolerance} s of it (the nearest): the beat tracker works on the
     * detection function's hop grid, whose 46 ms window sees a sharp attack early, while onset times are placed
     * on the attack itself. Beats stay in order; a beat with no onset near it keeps its time.
     */
    static double[] snapToOnsets(double[] beats, double[] onsets, double tolerance) {
        double[] out = beats.clone();
        int j = 0;
        for (int i = 0; i < out.length; i++) {
            while (j + 1 < onsets.length && onsets[j + 1] <= beats[i]) {
                j++;
            }
            double best = Double.NaN;
            for (int k = Math.max(0, j - 1); k <= Math.min(onsets.length - 1, j + 2); k++) {
                if (Math.abs(onsets[k] - beats[i]) <= tolerance
                        && (Double.isNaN(best) || Math.abs(onsets[k] - beats[i]) < Math.abs(best - beats[i]))) {
                    best = onsets[k];
                }
            }
            if (!Double.isNaN(best) && (i == 0 || best > out[i - 1])) {
                out[i] = best;
            }
        }
        return out;
    }
}
