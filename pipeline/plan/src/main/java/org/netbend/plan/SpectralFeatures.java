package org.netbend.plan;

/**
 * Per-window spectral and time-domain descriptors. Each is a pure function of its inputs; digital silence gives
 * 0 everywhere, never NaN. Frequencies are bin centres f_k = k·sr/N, k = 0..N/2; a_k is the normalised
 * magnitude, p_k = |X_k|² the power.
 */
final class SpectralFeatures {
    /** Fraction of the magnitude sum below the rolloff frequency (librosa's default). */
    static final double ROLLOFF_FRACTION = 0.85;
    /** Band edges in Hz: low = [0, 250), mid = [250, 4000), high = [4000, sr/2]. */
    static final double LOW_MID_HZ = 250;
    static final double MID_HIGH_HZ = 4000;
    /** Floor on the power |X_k|² inside the flatness logarithm: librosa's amin = 1e-10, on the same power. */
    static final double FLATNESS_FLOOR = 1e-10;

    private SpectralFeatures() { }

    /** RMS: sqrt(Σ x² / n) over the frame's samples (no window). */
    static double rms(float[] samples, int length) {
        if (length == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / length);
    }

    /** Zero-crossing rate: the fraction of adjacent sample pairs whose signs differ (0 counts as positive). */
    static double zeroCrossingRate(float[] samples, int length) {
        if (length < 2) {
            return 0;
        }
        int crossings = 0;
        boolean previous = samples[0] >= 0;
        for (int i = 1; i < length; i++) {
            boolean current = samples[i] >= 0;
            if (current != previous) {
                crossings++;
            }
            previous = current;
        }
        return crossings / (double) (length - 1);
    }

    /**
     * Peeters' spectral moments with weights p_k = a_k / Σa: centroid μ = Σ f_k p_k, spread σ = sqrt(Σ (f_k−μ)² p_k),
     * skewness Σ (f_k−μ)³ p_k / σ³, kurtosis Σ (f_k−μ)⁴ p_k / σ⁴. Writes {μ, σ, skew, kurt} into {@code out};
     * all zero for silence, skewness and kurtosis zero when σ = 0.
     */
    static void moments(double[] magnitude, double binHz, double[] out) {
        double total = 0;
        double first = 0;
        for (int k = 0; k < magnitude.length; k++) {
            total += magnitude[k];
            first += magnitude[k] * k;
        }
        if (total <= 0) {
            java.util.Arrays.fill(out, 0, 4, 0);
            return;
        }
        double centroidBins = first / total;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (int k = 0; k < magnitude.length; k++) {
            double d = k - centroidBins;
            double d2 = d * d;
            double w = magnitude[k];
            m2 += w * d2;
            m3 += w * d2 * d;
            m4 += w * d2 * d2;
        }
        m2 /= total;
        m3 /= total;
        m4 /= total;
        double spreadBins = Math.sqrt(m2);
        out[0] = centroidBins * binHz;
        out[1] = spreadBins * binHz;
        // Scale-free: computed in bins, the same as in Hz.
        out[2] = m2 > 0 ? m3 / (m2 * spreadBins) : 0;
        out[3] = m2 > 0 ? m4 / (m2 * m2) : 0;
    }

    /** Spectral flux: Σ_k |a_k(t) − a_k(t−1)|. */
    static double flux(double[] magnitude, double[] previous) {
        double sum = 0;
        for (int k = 0; k < magnitude.length; k++) {
            sum += Math.abs(magnitude[k] - previous[k]);
        }
        return sum;
    }

    /** Rolloff: the lowest f_k with Σ_{j≤k} a_j ≥ 0.85·Σ a; 0 for silence. */
    static double rolloff(double[] magnitude, double binHz) {
        double total = 0;
        for (double a : magnitude) {
            total += a;
        }
        if (total <= 0) {
            return 0;
        }
        double threshold = ROLLOFF_FRACTION * total;
        double cumulative = 0;
        for (int k = 0; k < magnitude.length; k++) {
            cumulative += magnitude[k];
            if (cumulative >= threshold) {
                return k * binHz;
            }
        }
        return (magnitude.length - 1) * binHz;
    }

    /**
     * Spectral flatness (Wiener entropy) as librosa computes it, over bins 0..N/2 of the power spectrum
     * P_k = |X_k|² (unnormalised, as librosa's STFT): P'_k = max(P_k, 10⁻¹⁰), flatness = exp(mean ln P'_k) /
     * mean P'_k. 1 for white noise, near 0 for a pure tone; 0 for digital silence.
     */
    static double flatness(double[] power, boolean silent) {
        if (silent) {
            return 0;
        }
        double logSum = 0;
        double sum = 0;
        for (double value : power) {
            double p = Math.max(value, FLATNESS_FLOOR);
            logSum += Math.log(p);
            sum += p;
        }
        int count = power.length;
        return Math.exp(logSum / count) / (sum / count);
    }

    /**
     * Band RMS values {low, mid, high} by Parseval: band² = Σ_{k in band} c_k |X_k|² / (N · Σw²), c_k = 1 for the
     * DC and Nyquist bins and 2 for the others (they stand for a conjugate pair). The three squares add up to the
     * window-weighted mean square Σ(w·x)²/Σw², so a sine of amplitude A in one band gives A/√2 there.
     */
    static void bands(double[] power, int fftSize, double binHz, double windowSquareSum, double[] out) {
        java.util.Arrays.fill(out, 0, 3, 0);
        if (windowSquareSum <= 0) {
            return;
        }
        int half = fftSize / 2;
        for (int k = 0; k <= half; k++) {
            double f = k * binHz;
            int band = f < LOW_MID_HZ ? 0 : f < MID_HIGH_HZ ? 1 : 2;
            out[band] += (k == 0 || k == half ? 1 : 2) * power[k];
        }
        double norm = (double) fftSize * windowSquareSum;
        for (int b = 0; b < 3; b++) {
            out[b] = Math.sqrt(out[b] / norm);
        }
    }
}
