package org.netbend.score;

import java.util.Arrays;

/** Median and median absolute deviation of a series from an index on. */
final class Robust {
    private Robust() { }

    static double median(double[] x, int from) {
        if (from >= x.length) {
            return 0;
        }
        double[] sorted = Arrays.copyOfRange(x, from, x.length);
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double mad(double[] x, int from) {
        double median = median(x, from);
        double[] deviations = new double[x.length];
        for (int i = from; i < x.length; i++) {
            deviations[i] = Math.abs(x[i] - median);
        }
        return median(deviations, from);
    }
}
