package org.netbend.score;

/**
 * How strongly one series (the picture's change) follows another (a parameter track or a feature): the Pearson
 * correlation at the lag where its magnitude is largest, searched over {@code -maxLag..maxLag} frames.
 * A positive lag means the picture follows the track that many frames late. Frame 0 is left out (it has no
 * previous frame to change from). A constant series correlates with nothing: 0 at lag 0.
 *
 * @param correlation Pearson's r at the best lag, -1..1
 * @param lag         the best lag in frames; ties go to the smaller |lag|
 */
public record Reactivity(double correlation, int lag) {
    public static final Reactivity NONE = new Reactivity(0, 0);

    public static Reactivity best(double[] picture, double[] track, int maxLag) {
        if (picture.length != track.length) {
            throw new IllegalArgumentException("series of " + picture.length + " and " + track.length + " frames");
        }
        Reactivity best = NONE;
        for (int distance = 0; distance <= maxLag; distance++) {
            for (int lag : distance == 0 ? new int[] {0} : new int[] {distance, -distance}) {
                double r = pearson(picture, track, lag);
                if (Math.abs(r) > Math.abs(best.correlation()) + 1e-12) {
                    best = new Reactivity(r, lag);
                }
            }
        }
        return best;
    }

    /** r of picture[t] against track[t - lag] over the frames t >= 1 where both exist; 0 when either is flat. */
    static double pearson(double[] picture, double[] track, int lag) {
        int from = Math.max(1, lag);
        int to = Math.min(picture.length, track.length + lag);
        int n = to - from;
        if (n < 3) {
            return 0;
        }
        double meanP = 0;
        double meanT = 0;
        for (int t = from; t < to; t++) {
            meanP += picture[t];
            meanT += track[t - lag];
        }
        meanP /= n;
        meanT /= n;
        double cov = 0;
        double varP = 0;
        double varT = 0;
        for (int t = from; t < to; t++) {
            double p = picture[t] - meanP;
            double q = track[t - lag] - meanT;
            cov += p * q;
            varP += p * p;
            varT += q * q;
        }
        // Flat within rounding (a constant bend's track computed in floating point) counts as flat.
        if (varP <= 1e-18 * n || varT <= 1e-18 * n) {
            return 0;
        }
        return cov / Math.sqrt(varP * varT);
    }

    /** |x[t] - x[t-1]|, 0 at t = 0: the step a track asks the picture to take. */
    public static double[] steps(double[] x) {
        double[] d = new double[x.length];
        for (int t = 1; t < x.length; t++) {
            d[t] = Math.abs(x[t] - x[t - 1]);
        }
        return d;
    }
}
