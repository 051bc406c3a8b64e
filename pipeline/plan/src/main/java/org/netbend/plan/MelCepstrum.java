package org.netbend.plan;

/**
 * 13 MFCCs from the frame's spectrum (the Hann-windowed one the other features use, so each frame needs one
 * FFT): with a_k the normalised magnitudes and M = 40 {@link MelFilterBank} filters from 100 Hz to
 * min(8 kHz, 0.45·sr),
 * <pre>E_m = Σ_k w_m(f_k)·a_k²,   L_m = ln(max(E_m, 10⁻¹⁰)),
 * c_n = s_n·Σ_{m=0..M−1} L_m·cos(π·n·(m + ½)/M),   s_0 = √(1/M), s_n = √(2/M)</pre>
 * (the orthonormal DCT-II, as librosa and scipy's {@code norm='ortho'}), n = 0..12.
 */
final class MelCepstrum {
    static final int COEFFICIENTS = 13;
    static final int FILTERS = org.netbend.core.EncoderSpec.MEL_BINS;
    static final double MIN_HZ = 100;
    static final double LOG_FLOOR = 1e-10;

    private final MelFilterBank bank;
    private final double[] power;
    private final double[] energies = new double[FILTERS];
    private final double[][] cosines = new double[COEFFICIENTS][FILTERS];

    MelCepstrum(int fftSize, int sampleRate) {
        this.bank = new MelFilterBank(fftSize, sampleRate, FILTERS, MIN_HZ, Math.min(8000, 0.45 * sampleRate));
        this.power = new double[fftSize / 2 + 1];
        for (int n = 0; n < COEFFICIENTS; n++) {
            double scale = Math.sqrt((n == 0 ? 1.0 : 2.0) / FILTERS);
            for (int m = 0; m < FILTERS; m++) {
                cosines[n][m] = scale * Math.cos(Math.PI * n * (m + 0.5) / FILTERS);
            }
        }
    }

    /** Writes 13 coefficients into {@code out}; zeros for digital silence (instead of the log floor's constant). */
    void compute(double[] magnitude, boolean silent, double[] out) {
        if (silent) {
            java.util.Arrays.fill(out, 0, COEFFICIENTS, 0);
            return;
        }
        for (int k = 0; k < power.length; k++) {
            power[k] = magnitude[k] * magnitude[k];
        }
        bank.apply(power, energies);
        for (int m = 0; m < FILTERS; m++) {
            energies[m] = Math.log(Math.max(energies[m], LOG_FLOOR));
        }
        dct(energies, cosines, out);
    }

    /**
     * The frame's M log-mel energies L_m = ln(max(E_m, 10⁻¹⁰)) into {@code out} (the audio encoders' input);
     * digital silence gives the floor ln(10⁻¹⁰) in every band.
     */
    void logEnergies(double[] magnitude, float[] out) {
        for (int k = 0; k < power.length; k++) {
            power[k] = magnitude[k] * magnitude[k];
        }
        bank.apply(power, energies);
        for (int m = 0; m < FILTERS; m++) {
            out[m] = (float) Math.log(Math.max(energies[m], LOG_FLOOR));
        }
    }

    /** out[n] = Σ_m table[n][m]·logEnergies[m]. */
    static void dct(double[] logEnergies, double[][] table, double[] out) {
        for (int n = 0; n < table.length; n++) {
            double sum = 0;
            for (int m = 0; m < logEnergies.length; m++) {
                sum += table[n][m] * logEnergies[m];
            }
            out[n] = sum;
        }
    }
}
