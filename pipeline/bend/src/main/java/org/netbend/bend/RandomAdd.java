package org.netbend.bend;

import java.util.List;
import org.netbend.core.KeyedRandom;
import org.netbend.core.Latent;

/**
 * The seeded additive operators. {@code add-sparse(p)}: x + r on a random fraction p of the elements (each
 * independently with probability p, drawn in index order), the same elements on every layer of one frame
 * (purpose "sparse"). {@code noise}: x + r N(0,1), fresh noise on every layer (purpose "noise@layer").
 */
final class RandomAdd implements Operator {
    private final OperatorCall call;
    private final ParamSpec amount;
    private final double fraction;

    /** @param fraction the sparse fraction, or NaN for Gaussian noise */
    RandomAdd(OperatorCall call, ParamSpec amount, double fraction) {
        this.call = call;
        this.amount = amount;
        this.fraction = fraction;
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return List.of(amount); }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context) {
        double r = p[offset];
        float[] in = src.data();
        float[] out = dst.data();
        if (Double.isNaN(fraction)) {
            KeyedRandom random = context.operatorRandom("noise@" + context.layer());
            for (int i = 0; i < in.length; i++) {
                out[i] = (float) (in[i] + r * random.nextGaussian());
            }
        } else {
            KeyedRandom random = context.operatorRandom("sparse");
            for (int i = 0; i < in.length; i++) {
                out[i] = random.nextDouble() < fraction ? (float) (in[i] + r) : in[i];
            }
        }
    }
}
