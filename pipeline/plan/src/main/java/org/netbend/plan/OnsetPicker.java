package org.netbend.plan;

import java.util.Arrays;

/**
 * Picks onsets from an onset detection function, one value per hop, as the values arrive, with a threshold that
 * adapts to the function around each hop. Hop j is an onset when
 * <ol>
 *   <li>it is the largest value in [j−w, j+w] (the first, on ties),</li>
 *   <li>it exceeds the moving median over [j−a, j+w] by at least λ times the moving mean absolute deviation from
 *       that median, plus δ,</li>
 *   <li>at least {@code minGap} hops passed since the previous onset.</li>
 * </ol>
 * A decision about hop j waits for hop j+w; {@link #finish()} decides the last hops as if zeros followed.
 */
final class OnsetPicker {
    private final int w;
    private final int a;
    private final double lambda;
    private final double delta;
    private final int minGap;
    private final Listener onOnset;
    private final double[] ring;
    private final double[] sorted;
    private long pushed;
    private long lastOnset = Long.MIN_VALUE / 2;

    OnsetPicker(int w, int a, double lambda, double delta, int minGap, Listener onOnset) {
        if (w < 1 || a < w || minGap < 1 || !(delta >= 0) || !(lambda >= 0)) {
            throw new IllegalArgumentException("bad onset picker settings w=" + w + " a=" + a + " minGap=" + minGap
                    + " lambda=" + lambda + " delta=" + delta);
        }
        this.w = w;
        this.a = a;
        this.lambda = lambda;
        this.delta = delta;
        this.minGap = minGap;
        this.onOnset = onOnset;
        this.ring = new double[a + w + 1];
        this.sorted = new double[a + w + 1];
    }

    void push(double value) {
        ring[(int) (pushed % ring.length)] = value;
        pushed++;
        long candidate = pushed - 1 - w;
        if (candidate >= 0) {
            decide(candidate);
        }
    }

    void finish() {
        long end = pushed;
        for (int i = 0; i < w; i++) {
            push(0);
        }
        pushed = end;
    }

    private double at(long hop) {
        if (hop < 0 || hop >= pushed || hop < pushed - ring.length) {
            return 0;
        }
        return ring[(int) (hop % ring.length)];
    }

    private void decide(long j) {
        double value = at(j);
        if (value <= delta || j - lastOnset < minGap) {
            return;
        }
        for (long k = j - w; k <= j + w; k++) {
            double other = at(k);
            if (other > value || (other == value && k < j)) {
                return;
            }
        }
        int n = 0;
        for (long k = j - a; k <= j + w; k++) {
            sorted[n++] = at(k);
        }
        Arrays.sort(sorted, 0, n);
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        double deviation = 0;
        for (int i = 0; i < n; i++) {
            deviation += Math.abs(sorted[i] - median);
        }
        deviation /= n;
        if (value >= median + lambda * deviation + delta) {
            lastOnset = j;
            onOnset.onset(j, value);
        }
    }

    /** Receives each onset: its hop index and its detection-function value (the salience). */
    @FunctionalInterface
    interface Listener {
        void onset(long hop, double value);
    }
}
