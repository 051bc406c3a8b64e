package org.netbend.bend;

import java.util.List;
import org.netbend.core.Latent;

/**
 * An operator acting on each element alone: y = f(x, r) (or f(x) when it has no parameter). The formula is a
 * {@link PointwiseKernel}; clamp's bounds are fixed (lo, hi) or come from its parameter (-r, r).
 */
final class Pointwise implements Operator {
    private final OperatorCall call;
    private final List<ParamSpec> parameters;
    private final PointwiseKernel kernel;
    private final double lo;
    private final double hi;

    /** An operator whose only value is its runtime parameter (if any): a = r. */
    Pointwise(OperatorCall call, List<ParamSpec> parameters, PointwiseKernel kernel) {
        this(call, parameters, kernel, Double.NaN, Double.NaN);
    }

    private Pointwise(OperatorCall call, List<ParamSpec> parameters, PointwiseKernel kernel, double lo, double hi) {
        this.call = call;
        this.parameters = List.copyOf(parameters);
        this.kernel = kernel;
        this.lo = lo;
        this.hi = hi;
    }

    /** clamp(lo,hi): fixed bounds. */
    static Pointwise clamp(OperatorCall call, double lo, double hi) {
        return new Pointwise(call, List.of(), PointwiseKernel.CLAMP, lo, hi);
    }

    /** clamp driven by a limit r: bounds -r..r. */
    static Pointwise clampSymmetric(OperatorCall call, ParamSpec limit) {
        return new Pointwise(call, List.of(limit), PointwiseKernel.CLAMP, Double.NaN, Double.NaN);
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return parameters; }

    @Override public boolean inPlace() { return true; }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        double r = parameters.isEmpty() ? 0 : p[offset];
        if (kernel == PointwiseKernel.CLAMP) {
            boolean fixed = parameters.isEmpty();
            kernel.run(src.data(), dst.data(), fixed ? lo : -r, fixed ? hi : r, cap);
        } else {
            kernel.run(src.data(), dst.data(), r, 0, cap);
        }
    }
}
