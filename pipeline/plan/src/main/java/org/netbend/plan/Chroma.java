package org.netbend.plan;

import java.util.Arrays;

/**
 * A 12-bin chroma vector from a power spectrum: each bin k with f_k in [80 Hz, 5 kHz] adds its power |X_k|² to
 * pitch class round(12·log2(f_k / 440 Hz) + 9) mod 12 (0 = C, 9 = A); the vector is divided by its largest
 * entry, so the strongest class is 1. Silence gives zeros. Below 80 Hz one FFT bin spans more than a semitone
 * at the usual frame lengths, so those bins are left out.
 */
final class Chroma {
    static final double LOWEST_HZ = 80;
    static final double HIGHEST_HZ = 5000;

    private final int[] pitchClassOfBin;

    Chroma(int fftSize, int sampleRate) {
        pitchClassOfBin = new int[fftSize / 2 + 1];
        double binHz = (double) sampleRate / fftSize;
        for (int k = 0; k < pitchClassOfBin.length; k++) {
            double f = k * binHz;
            pitchClassOfBin[k] = f < LOWEST_HZ || f > HIGHEST_HZ ? -1 : pitchClass(f);
        }
    }

    static int pitchClass(double hz) {
        long semitone = Math.round(12 * Math.log(hz / 440) / Math.log(2)) + 9;
        return (int) Math.floorMod(semitone, 12L);
    }

    void compute(double[] power, double[] out) {
        Arrays.fill(out, 0, 12, 0);
        for (int k = 0; k < pitchClassOfBin.length; k++) {
            int pc = pitchClassOfBin[k];
            if (pc >= 0) {
                out[pc] += power[k];
            }
        }
        double max = 0;
        for (int i = 0; i < 12; i++) {
            max = Math.max(max, out[i]);
        }
        if (max > 0) {
            for (int i = 0; i < 12; i++) {
                out[i] /= max;
            }
        }
    }
}
