package org.netbend.bend;

import java.util.List;
import org.netbend.core.Latent;

/** An operator acting on each element alone: y = f(x, r) (or f(x) when it has no parameter). */
final class Pointwise implements Operator {

    @FunctionalInterface
    interface Fn {
        double at(double x, double r);
    }

    private final OperatorCall call;
    private final List<ParamSpec> parameters;
    private final Fn fn;

    Pointwise(OperatorCall call, List<ParamSpec> parameters, Fn fn) {
        this.call = call;
        this.parameters = List.copyOf(parameters);
        this.fn = fn;
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return parameters; }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context) {
        double r = parameters.isEmpty() ? 0 : p[offset];
        float[] in = src.data();
        float[] out = dst.data();
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) fn.at(in[i], r);
        }
    }

    /** sign(x) * |x|^r, capped so a large exponent cannot overflow to infinity. */
    static double signedPower(double x, double r) {
        return Finite.cap(Math.copySign(Math.pow(Math.abs(x), r), x));
    }
}
