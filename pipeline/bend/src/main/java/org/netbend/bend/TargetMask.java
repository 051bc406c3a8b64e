package org.netbend.bend;

import java.util.Arrays;

/**
 * A target's weights prepared for writing. Hard masks (every weight 0 or 1: channel, rows, cols, fraction, a
 * region without feather) are kept as runs of consecutive 1s, so a write touches only those elements and needs
 * no test per element; soft masks (a feathered region) blend element by element.
 */
record TargetMask(float[] weights, int[] runs) {

    /** @param weights one weight per latent element, in 0..1 */
    static TargetMask of(float[] weights) {
        int[] runs = new int[16];
        int count = 0;
        int i = 0;
        while (i < weights.length) {
            float w = weights[i];
            if (w != 0f && w != 1f) {
                return new TargetMask(weights, null);
            }
            if (w == 0f) {
                i++;
                continue;
            }
            int start = i;
            while (i < weights.length && weights[i] == 1f) {
                i++;
            }
            if (count + 2 > runs.length) {
                runs = Arrays.copyOf(runs, runs.length * 2);
            }
            runs[count++] = start;
            runs[count++] = i;
        }
        return new TargetMask(weights, Arrays.copyOf(runs, count));
    }

    /** x = x + w (y - x) under the mask (w = 1 copies y exactly, w = 0 leaves x), capped to stay finite. */
    void write(float[] x, float[] y) {
        if (runs != null) {
            for (int r = 0; r < runs.length; r += 2) {
                for (int i = runs[r]; i < runs[r + 1]; i++) {
                    x[i] = Finite.cap(y[i]);
                }
            }
            return;
        }
        for (int i = 0; i < x.length; i++) {
            float w = weights[i];
            if (w == 1f) {
                x[i] = Finite.cap(y[i]);
            } else if (w != 0f) {
                x[i] = Finite.cap(x[i] + w * ((double) y[i] - x[i]));
            }
        }
    }
}
