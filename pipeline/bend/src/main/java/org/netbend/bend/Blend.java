package org.netbend.bend;

import java.util.ArrayList;
import java.util.List;
import org.netbend.core.Latent;

/**
 * x + a (op(x) - x): a continuous mix of the latent and an operator's result, so audio can drive a structural
 * operator (dilate, sobel, reflect) smoothly. The amount a is a literal or the first runtime parameter,
 * followed by the inner operator's parameters.
 */
final class Blend implements Operator {
    static final ParamSpec AMOUNT = ParamSpec.of("amount", 0, 1, Domain.between(0, 1));

    private final OperatorCall call;
    private final Operator inner;
    private final double literalAmount;
    private final List<ParamSpec> parameters;

    /** @param literalAmount the fixed amount, or NaN when it is a runtime parameter */
    Blend(OperatorCall call, Operator inner, double literalAmount) {
        this.call = call;
        this.inner = inner;
        this.literalAmount = literalAmount;
        List<ParamSpec> all = new ArrayList<>();
        if (Double.isNaN(literalAmount)) {
            all.add(AMOUNT);
        }
        all.addAll(inner.parameters());
        this.parameters = List.copyOf(all);
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return parameters; }

    @Override
    public void checkShape(int channels, int height, int width) {
        inner.checkShape(channels, height, width);
    }

    /** Not in place: the mix needs src after the inner operator has written dst. */
    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        boolean runtime = Double.isNaN(literalAmount);
        double a = runtime ? p[offset] : literalAmount;
        inner.apply(src, dst, p, runtime ? offset + 1 : offset, context, false);
        float[] in = src.data();
        float[] out = dst.data();
        for (int i = 0; i < in.length; i++) {
            float v = (float) (in[i] + a * (out[i] - (double) in[i]));
            out[i] = cap ? Finite.cap(v) : v;
        }
    }
}
