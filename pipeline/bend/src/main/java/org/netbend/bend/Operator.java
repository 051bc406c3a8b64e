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
     * Writes op(src) into dst. src is never changed and src != dst. The values {@code p[offset ..
     * offset + parameters().size())} are this operator's parameters, already inside their domains.
     */
    void apply(Latent src, Latent dst, double[] p, int offset, BendContext context);

    /**
     * Rejects a latent shape the operator cannot work on (reflect(5) on 4 channels, a 3x3 matrix on 4 channels).
     *
     * @throws IllegalArgumentException naming the operator and the shape
     */
    default void checkShape(int channels, int height, int width) { }
}
