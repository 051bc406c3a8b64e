package org.netbend.plan;

/**
 * Triangular mel filters on the bins of an FFT, written from the definition (HTK's mel scale, the triangles of
 * librosa's {@code mel(htk=True, norm=None)}):
 * <ul>
 *   <li>mel(f) = 2595·log10(1 + f/700), its inverse f = 700·(10^(m/2595) − 1);</li>
 *   <li>M filters have M + 2 edges e_0..e_{M+1} equally spaced in mel from mel(f_min) to mel(f_max), converted
 *       back to Hz;</li>
 *   <li>filter m (1..M) weighs bin k at f_k = k·sr/N with the triangle that rises linearly in Hz from 0 at
 *       e_{m−1} to 1 at e_m and falls to 0 at e_{m+1}: w_m(f) = max(0, min((f − e_{m−1})/(e_m − e_{m−1}),
 *       (e_{m+1} − f)/(e_{m+1} − e_m))). Peak 1, no area normalisation.</li>
 * </ul>
 */
final class MelFilterBank {
    private final int[] firstBin;
    private final double[][] weights;

    MelFilterBank(int fftSize, int sampleRate, int filters, double minHz, double maxHz) {
        if (filters < 1 || !(minHz >= 0) || !(maxHz > minHz) || maxHz > sampleRate / 2.0) {
            throw new IllegalArgumentException("bad mel filter bank: " + filters + " filters over " + minHz + ".."
                    + maxHz + " Hz at " + sampleRate + " Hz");
        }
        double[] edges = edgesHz(filters, minHz, maxHz);
        double binHz = (double) sampleRate / fftSize;
        int bins = fftSize / 2 + 1;
        firstBin = new int[filters];
        weights = new double[filters][];
        for (int m = 0; m < filters; m++) {
            double lower = edges[m];
            double centre = edges[m + 1];
            double upper = edges[m + 2];
            int from = (int) Math.ceil(lower / binHz);
            int to = Math.min(bins - 1, (int) Math.floor(upper / binHz));
            firstBin[m] = from;
            weights[m] = new double[Math.max(0, to - from + 1)];
            for (int k = from; k <= to; k++) {
                double f = k * binHz;
                double w = Math.min((f - lower) / (centre - lower), (upper - f) / (upper - centre));
                weights[m][k - from] = Math.max(0, w);
            }
        }
    }

    static double hzToMel(double hz) { return 2595 * Math.log10(1 + hz / 700); }

    static double melToHz(double mel) { return 700 * (Math.pow(10, mel / 2595) - 1); }

    /** The M + 2 edge frequencies in Hz, equally spaced in mel. */
    static double[] edgesHz(int filters, double minHz, double maxHz) {
        double low = hzToMel(minHz);
        double high = hzToMel(maxHz);
        double[] edges = new double[filters + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(low + (high - low) * i / (filters + 1));
        }
        edges[0] = minHz;
        edges[edges.length - 1] = maxHz;
        return edges;
    }

    int filters() { return weights.length; }

    /** The weight of filter m (0-based) on bin k. */
    double weight(int m, int k) {
        int i = k - firstBin[m];
        return i >= 0 && i < weights[m].length ? weights[m][i] : 0;
    }

    /** out[m] = Σ_k w_m(f_k)·spectrum[k]. */
    void apply(double[] spectrum, double[] out) {
        for (int m = 0; m < weights.length; m++) {
            double sum = 0;
            double[] w = weights[m];
            int from = firstBin[m];
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * spectrum[from + i];
            }
            out[m] = sum;
        }
    }
}
