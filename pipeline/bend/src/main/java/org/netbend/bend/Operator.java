package org.netbend.bend;

import java.util.List;
import org.netbend.core.Latent;

/**
 * One compiled operator. Instances are immutable and shared by all frames and threads; per-frame state
 * (parameters, random streams) comes in through the arguments.
 */
public interface Operator {

    /** The call it was built from, in canonical form. */
    OperatorCall call();

    /** Its runtime parameters, in the order the spec's sources feed them. */
    List<ParamSpec> parameters();

    /**
     * Writes op(src) into dst. src is never changed, and src != dst unless {@link #inPlace()}. The values
     * {@code p[offset .. offset + parameters().size())} are this operator's parameters, already inside their
     * domains.
     */
    default void apply(Latent src, Latent dst, double[] p, int offset, BendContext context) {
        apply(src, dst, p, offset, context, false);
    }

    /**
     * As {@link #apply(Latent, Latent, double[], int, BendContext)}; with {@code cap} every value written goes
     * through {@link Finite#cap(float)}. The last operator of a bend caps as it writes, so the result needs no
     * second pass (intermediate results in a chain stay uncapped).
     */
    void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap);

    /**
     * True when {@code apply} may be given dst == src: every value is read before it is overwritten. A bend
     * whose operators all allow it runs straight on the sampler's latent, without scratch copies.
     */
    default boolean inPlace() { return false; }

    /**
     * Rejects a latent shape the operator cannot work on (reflect(5) on 4 channels, a 3x3 matrix on 4 channels).
     *
     * @throws IllegalArgumentException naming the operator and the shape
     */
    default void checkShape(int channels, int height, int width) { }
}
