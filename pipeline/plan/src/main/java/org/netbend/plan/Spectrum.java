package org.netbend.plan;

import be.tarsos.dsp.util.fft.FFT;

/**
 * The magnitude spectrum of one window of samples: Hann-weighted over the window's own length, zero-padded to a
 * power of two, transformed with TarsosDSP's FFT. Reused from frame to frame (not thread-safe).
 *
 * <p>{@link #magnitude()} is normalised by 2/Σw, so a sine of amplitude A shows a peak of about A whatever the
 * FFT size; {@link #power()} is |X_k|² unnormalised, for Parseval-exact band energies.
 */
final class Spectrum {
    private final int fftSize;
    private final int sampleRate;
    private final FFT fft;
    private final float[] work;
    private final double[] magnitude;
    private final double[] power;
    private float[] window = new float[0];
    private double windowSum;
    private double windowSquareSum;
    private boolean silent;

    Spectrum(int fftSize, int sampleRate) {
        if (Integer.bitCount(fftSize) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two, got " + fftSize);
        }
        this.fftSize = fftSize;
        this.sampleRate = sampleRate;
        this.fft = new FFT(fftSize);
        this.work = new float[fftSize];
        this.magnitude = new double[fftSize / 2 + 1];
        this.power = new double[fftSize / 2 + 1];
    }

    /** Smallest power of two at least {@code samples}. */
    static int sizeFor(int samples) {
        int size = Integer.highestOneBit(Math.max(1, samples));
        return size < samples ? size * 2 : size;
    }

    /** Transforms {@code length} samples from {@code samples[0..length)}. */
    void compute(float[] samples, int length) {
        if (length > fftSize || length < 1) {
            throw new IllegalArgumentException("window of " + length + " samples does not fit FFT size " + fftSize);
        }
        if (window.length != length) {
            window = hann(length);
            windowSum = 0;
            windowSquareSum = 0;
            for (float w : window) {
                windowSum += w;
                windowSquareSum += (double) w * w;
            }
        }
        boolean anySound = false;
        for (int i = 0; i < length; i++) {
            float x = samples[i];
            anySound |= x != 0;
            work[i] = x * window[i];
        }
        java.util.Arrays.fill(work, length, fftSize, 0f);
        silent = !anySound;
        if (silent) {
            java.util.Arrays.fill(magnitude, 0);
            java.util.Arrays.fill(power, 0);
            return;
        }
        fft.forwardTransform(work); // JTransforms packing: [Re0, Re(N/2), Re1, Im1, Re2, Im2, ...]
        double scale = 2 / windowSum;
        int half = fftSize / 2;
        power[0] = (double) work[0] * work[0];
        power[half] = (double) work[1] * work[1];
        for (int k = 1; k < half; k++) {
            double re = work[2 * k];
            double im = work[2 * k + 1];
            power[k] = re * re + im * im;
        }
        for (int k = 0; k <= half; k++) {
            magnitude[k] = Math.sqrt(power[k]) * scale;
        }
    }

    /**
     * The symmetric Hann window, w[n] = 0.5 − 0.5·cos(2πn/(L−1)), n = 0..L−1; for L = 1 it is {1}. It tapers
     * to zero at both ends of the frame's own interval, so leakage from a steady tone stays within a few bins.
     */
    static float[] hann(int length) {
        float[] w = new float[length];
        if (length == 1) {
            w[0] = 1;
            return w;
        }
        for (int n = 0; n < length; n++) {
            w[n] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * n / (length - 1)));
        }
        return w;
    }

    int fftSize() { return fftSize; }

    int sampleRate() { return sampleRate; }

    /** Bin width in Hz: sr / N. */
    double binHz() { return (double) sampleRate / fftSize; }

    /** Bins 0..N/2, normalised so a sine of amplitude A peaks near A. Do not modify. */
    double[] magnitude() { return magnitude; }

    /** |X_k|² for bins 0..N/2, unnormalised. Do not modify. */
    double[] power() { return power; }

    /** Σ w² of the last window, for Parseval: Σ(w·x)² = (1/N)·Σ_all k |X_k|². */
    double windowSquareSum() { return windowSquareSum; }

    /** True when every sample of the last window was exactly zero. */
    boolean silent() { return silent; }
}
