package org.netbend.bend;

import java.util.List;
import org.netbend.core.Latent;

/** Any operator that mixes channels through a matrix built from its parameters. */
final class ChannelMatrixOperator implements Operator {

    @FunctionalInterface
    interface MatrixFn {
        double[][] matrix(int channels, double[] p, int offset);
    }

    private final OperatorCall call;
    private final List<ParamSpec> parameters;
    private final int requiredChannels;
    private final int highestChannel;
    private final MatrixFn fn;

    /**
     * @param requiredChannels exact channel count the matrix needs, or 0 for any
     * @param highestChannel   highest channel index the operator names, or -1
     */
    ChannelMatrixOperator(OperatorCall call, List<ParamSpec> parameters, int requiredChannels, int highestChannel,
                          MatrixFn fn) {
        this.call = call;
        this.parameters = List.copyOf(parameters);
        this.requiredChannels = requiredChannels;
        this.highestChannel = highestChannel;
        this.fn = fn;
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return parameters; }

    @Override
    public void checkShape(int channels, int height, int width) {
        if (requiredChannels > 0 && channels != requiredChannels) {
            throw new IllegalArgumentException(call + " needs a latent with " + requiredChannels
                    + " channels, got " + channels);
        }
        if (highestChannel >= channels) {
            throw new IllegalArgumentException(call + " names channel " + highestChannel
                    + ", but the latent has only channels 0.." + (channels - 1));
        }
    }

    /** Matrices read a pixel's channels before writing them, and always cap (cap changes nothing here). */
    @Override public boolean inPlace() { return true; }

    /** The matrix for {@code channels} channels (or channel groups) and these parameters. */
    double[][] matrix(int channels, double[] p) {
        return fn.matrix(channels, p, 0);
    }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        checkShape(src.channels(), src.height(), src.width());
        double[][] m = fn.matrix(src.channels(), p, offset);
        ChannelMatrices.apply(m, src.data(), dst.data(), src.channels(), src.planeSize());
    }
}
