package org.netbend.bend;

import java.util.Arrays;
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
    /** The last frame's sparse elements: a frame asks for the same ones on every layer, so draw them once. */
    private volatile SparseElements lastSparse;

    /** Which elements add-sparse picks for one frame of one bend: the draws depend on nothing else. */
    private record SparseKey(long seed, int frame, int bend, int operator, int size) { }

    private record SparseElements(SparseKey key, int[] indices) { }

    /** @param fraction the sparse fraction, or NaN for Gaussian noise */
    RandomAdd(OperatorCall call, ParamSpec amount, double fraction) {
        this.call = call;
        this.amount = amount;
        this.fraction = fraction;
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return List.of(amount); }

    @Override public boolean inPlace() { return true; }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        double r = p[offset];
        float[] in = src.data();
        float[] out = dst.data();
        if (Double.isNaN(fraction)) {
            KeyedRandom random = context.operatorRandom("noise@" + context.layer());
            for (int i = 0; i < in.length; i++) {
                float v = (float) (in[i] + r * random.nextGaussian());
                out[i] = cap ? Finite.cap(v) : v;
            }
            return;
        }
        if (in != out) {
            System.arraycopy(in, 0, out, 0, in.length);
        }
        for (int i : sparseIndices(context, in.length)) {
            out[i] = (float) (in[i] + r);
        }
        if (cap) {
            Finite.capRange(out, 0, out.length);
        }
    }

    private int[] sparseIndices(BendContext context, int size) {
        SparseKey key = new SparseKey(context.seed(), context.frame(), context.bend(), context.operator(), size);
        SparseElements last = lastSparse;
        if (last != null && last.key.equals(key)) {
            return last.indices;
        }
        KeyedRandom random = context.operatorRandom("sparse");
        int[] indices = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (random.nextDouble() < fraction) {
                indices[count++] = i;
            }
        }
        int[] picked = Arrays.copyOf(indices, count);
        lastSparse = new SparseElements(key, picked);
        return picked;
    }
}
