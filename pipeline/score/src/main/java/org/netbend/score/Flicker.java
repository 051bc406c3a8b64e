package org.netbend.score;

import be.tarsos.dsp.util.fft.FFT;
import java.util.Collection;

/**
 * Change that no parameter explains: the share of the frame-difference series' energy at frequencies above the
 * parameters' bandwidth. The bandwidth is the highest, over the varying parameter tracks, of the frequency below
 * which {@link #BAND_SHARE} of a track's energy lies (mean removed). A picture that only follows its parameters
 * changes no faster than they do; what lies above is flicker (a walk of the noise, an unstable img2img chain,
 * encoder pumping). With no varying parameter every change is unexplained and the bandwidth is 0 Hz.
 *
 * @param bandwidthHz the parameters' bandwidth
 * @param fraction    energy of the change above the bandwidth / all its energy (DC left out), 0..1
 */
public record Flicker(double bandwidthHz, double fraction) {
    public static final double BAND_SHARE = 0.95;

    public static Flicker of(double[] change, Collection<double[]> parameterTracks, double fps) {
        double bandwidth = 0;
        for (double[] track : parameterTracks) {
            bandwidth = Math.max(bandwidth, bandwidth(power(track, 0), fps));
        }
        double[] power = power(change, 1);
        double total = 0;
        double above = 0;
        for (int bin = 1; bin < power.length; bin++) {
            total += power[bin];
            if (hz(bin, power.length, fps) > bandwidth + 1e-9) {
                above += power[bin];
            }
        }
        return new Flicker(bandwidth, total <= 0 ? 0 : above / total);
    }

    /** The lowest frequency below which BAND_SHARE of the energy lies; 0 for a flat track. */
    static double bandwidth(double[] power, double fps) {
        double total = 0;
        for (int bin = 1; bin < power.length; bin++) {
            total += power[bin];
        }
        if (total <= 1e-18) {
            return 0;
        }
        double sum = 0;
        for (int bin = 1; bin < power.length; bin++) {
            sum += power[bin];
            if (sum >= BAND_SHARE * total) {
                return hz(bin, power.length, fps);
            }
        }
        return fps / 2;
    }

    /** Bin b of n bins spans 0..fps/2. */
    private static double hz(int bin, int bins, double fps) {
        return bin * fps / (2.0 * bins);
    }

    /** Power spectrum (TarsosDSP's FFT) of x[from..] minus its mean, zero-padded to a power of two. */
    static double[] power(double[] x, int from) {
        int n = Math.max(0, x.length - from);
        int size = 2;
        while (size < n) {
            size *= 2;
        }
        double mean = 0;
        for (int i = from; i < x.length; i++) {
            mean += x[i];
        }
        mean = n == 0 ? 0 : mean / n;
        float[] data = new float[size];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (x[from + i] - mean);
        }
        FFT fft = new FFT(size);
        fft.forwardTransform(data);
        float[] amplitudes = new float[size / 2];
        fft.modulus(data, amplitudes);
        double[] power = new double[amplitudes.length];
        for (int i = 0; i < power.length; i++) {
            power[i] = (double) amplitudes[i] * amplitudes[i];
        }
        return power;
    }
}
