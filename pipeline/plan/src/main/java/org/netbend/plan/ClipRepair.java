package org.netbend.plan;

/**
 * Bridges hard-clipped runs in a window of samples before onset detection. A clipped run is two or more equal
 * consecutive samples at the loudest magnitude seen so far (within 0.1 %), as a master limited at full scale
 * writes them; its flat top adds partials across the whole spectrum, which a level-independent detector reads
 * as a new note at every clipped peak. Each run is replaced by the cubic through the two samples on either
 * side of it, never closer to zero than the clip level (the true peak was beyond it). Runs touching the
 * window's edge are left alone (the Hann taper makes them quiet). Used only for onsets: every other feature
 * sees the samples as decoded.
 */
final class ClipRepair {
    static final double CEILING_TOLERANCE = 0.999;

    private float ceiling;

    /** Repairs {@code samples[0..length)} in place; returns how many runs it bridged. */
    int repair(float[] samples, int length) {
        for (int i = 0; i < length; i++) {
            ceiling = Math.max(ceiling, Math.abs(samples[i]));
        }
        float level = (float) (CEILING_TOLERANCE * ceiling);
        int runs = 0;
        int i = 2;
        while (i < length - 3) {
            float v = samples[i];
            if (v == 0 || samples[i + 1] != v || Math.abs(v) < level) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end + 1 < length && samples[end + 1] == v) {
                end++;
            }
            if (end + 2 < length && samples[i - 1] != v) {
                bridge(samples, i, end);
                runs++;
            }
            i = end + 1;
        }
        return runs;
    }

    /** Lagrange cubic through (i−2, i−1, end+1, end+2), evaluated over [i, end], kept beyond the clip level. */
    private static void bridge(float[] s, int i, int end) {
        double x0 = i - 2;
        double x1 = i - 1;
        double x2 = end + 1;
        double x3 = end + 2;
        double y0 = s[i - 2];
        double y1 = s[i - 1];
        double y2 = s[end + 1];
        double y3 = s[end + 2];
        float clip = s[i];
        double sign = Math.signum(clip);
        for (int k = i; k <= end; k++) {
            double fit = y0 * (k - x1) * (k - x2) * (k - x3) / ((x0 - x1) * (x0 - x2) * (x0 - x3))
                    + y1 * (k - x0) * (k - x2) * (k - x3) / ((x1 - x0) * (x1 - x2) * (x1 - x3))
                    + y2 * (k - x0) * (k - x1) * (k - x3) / ((x2 - x0) * (x2 - x1) * (x2 - x3))
                    + y3 * (k - x0) * (k - x1) * (k - x2) / ((x3 - x0) * (x3 - x1) * (x3 - x2));
            s[k] = (float) (sign * Math.max(sign * fit, Math.abs(clip)));
        }
    }
}
