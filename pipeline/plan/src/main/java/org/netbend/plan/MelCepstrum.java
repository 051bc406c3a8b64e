package org.netbend.plan;

import be.tarsos.dsp.mfcc.MFCC;

/**
 * 13 MFCCs from the frame's magnitude spectrum, through TarsosDSP's mel filter bank (40 triangular filters from
 * 100 Hz to min(8 kHz, 0.45·sr)), natural log with TarsosDSP's floor, and its DCT-II. The spectrum is the one the
 * other features use (Hann window), not TarsosDSP's own Hamming FFT, so each frame needs one FFT only.
 */
final class MelCepstrum {
    static final int COEFFICIENTS = 13;
    static final int FILTERS = 40;

    private final MFCC mfcc;
    private final int[] centres;
    private final float[] bins;

    MelCepstrum(int fftSize, int sampleRate) {
        float upper = (float) Math.min(8000, 0.45 * sampleRate);
        this.mfcc = new MFCC(fftSize, sampleRate, COEFFICIENTS, FILTERS, 100f, upper);
        this.centres = mfcc.getCenterFrequencies();
        this.bins = new float[fftSize / 2 + 1];
    }

    /** Writes 13 coefficients into {@code out}; zeros for digital silence (instead of the log floor's constant). */
    void compute(double[] magnitude, boolean silent, double[] out) {
        if (silent) {
            java.util.Arrays.fill(out, 0, COEFFICIENTS, 0);
            return;
        }
        for (int k = 0; k < bins.length; k++) {
            bins[k] = (float) magnitude[k];
        }
        float[] cepstrum = mfcc.cepCoefficients(mfcc.nonLinearTransformation(mfcc.melFilter(bins, centres)));
        for (int i = 0; i < COEFFICIENTS; i++) {
            out[i] = cepstrum[i];
        }
    }
}
