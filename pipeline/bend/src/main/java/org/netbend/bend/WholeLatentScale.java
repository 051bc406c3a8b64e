package org.netbend.bend;

import java.util.List;
import org.netbend.core.Latent;

/**
 * Operators that rescale by a statistic of the whole latent: normalize-max (divide by max |x|) and rescale
 * (min-max into lo..hi). Both divide by a statistic that can be 0; each defines that case (see README).
 */
final class WholeLatentScale implements Operator {
    private final OperatorCall call;
    private final List<ParamSpec> parameters;
    private final boolean maxAbs;
    private final double lo;
    private final double hi;

    private WholeLatentScale(OperatorCall call, List<ParamSpec> parameters, boolean maxAbs, double lo, double hi) {
        this.call = call;
        this.parameters = List.copyOf(parameters);
        this.maxAbs = maxAbs;
        this.lo = lo;
        this.hi = hi;
    }

    /** x / max|x|; an all-zero latent stays as it is. */
    static WholeLatentScale normalizeMax(OperatorCall call) {
        return new WholeLatentScale(call, List.of(), true, 0, 0);
    }

    /** Min-max into lo..hi (fixed); a constant latent becomes (lo + hi) / 2. */
    static WholeLatentScale rescale(OperatorCall call, double lo, double hi) {
        return new WholeLatentScale(call, List.of(), false, lo, hi);
    }

    /** Min-max into -r..r with r from the parameter. */
    static WholeLatentScale rescaleSymmetric(OperatorCall call, ParamSpec r) {
        return new WholeLatentScale(call, List.of(r), false, Double.NaN, Double.NaN);
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return parameters; }

    /** The statistic is taken over the whole latent before anything is written. */
    @Override public boolean inPlace() { return true; }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        float[] in = src.data();
        float[] out = dst.data();
        if (maxAbs) {
            double max = 0;
            for (float v : in) {
                double magnitude = Math.abs(v);
                if (!(magnitude < max)) {   // the full Math.max only when it can change max (or for NaN)
                    max = Math.max(max, magnitude);
                }
            }
            double scale = max > 0 ? 1 / max : 1;
            for (int i = 0; i < in.length; i++) {
                float v = (float) (in[i] * scale);
                out[i] = cap ? Finite.cap(v) : v;
            }
            return;
        }
        double targetLo = parameters.isEmpty() ? lo : -p[offset];
        double targetHi = parameters.isEmpty() ? hi : p[offset];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : in) {
            if (!(v > min)) {   // the full Math.min/max only when they can change the result (or for NaN)
                min = Math.min(min, v);
            }
            if (!(v < max)) {
                max = Math.max(max, v);
            }
        }
        double span = max - min;
        if (span == 0) {
            float middle = (float) ((targetLo + targetHi) / 2);
            java.util.Arrays.fill(out, cap ? Finite.cap(middle) : middle);
            return;
        }
        double scale = (targetHi - targetLo) / span;
        for (int i = 0; i < in.length; i++) {
            float v = (float) (targetLo + (in[i] - min) * scale);
            out[i] = cap ? Finite.cap(v) : v;
        }
    }
}
