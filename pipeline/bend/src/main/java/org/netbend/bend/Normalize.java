package org.netbend.bend;

import java.util.List;
import java.util.Locale;
import org.netbend.core.Latent;

/** Subtracts a mean so that every part of the chosen kind ends with zero mean. */
final class Normalize implements Operator {

    /** Which parts end with zero mean. */
    enum Dim {
        /** each channel plane (removes a channel's overall offset: the image's colour cast) */
        CHANNEL,
        /** each row of each channel */
        ROW,
        /** each column of each channel */
        COL,
        /** each pixel's vector of channel values (the mean across channels at that pixel) */
        PIXEL,
        /** the latent as a whole */
        ALL;

        String label() { return name().toLowerCase(Locale.ROOT); }
    }

    private final OperatorCall call;
    private final Dim dim;

    Normalize(OperatorCall call, Dim dim) {
        this.call = call;
        this.dim = dim;
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return List.of(); }

    /** Each part's mean is taken before any of its values is written, and parts do not overlap. */
    @Override public boolean inPlace() { return true; }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        int channels = src.channels();
        int height = src.height();
        int width = src.width();
        int plane = height * width;
        float[] in = src.data();
        float[] out = dst.data();
        switch (dim) {
            case ALL -> subtractMean(in, out, 0, in.length, cap);
            case CHANNEL -> {
                for (int c = 0; c < channels; c++) {
                    subtractMean(in, out, c * plane, plane, cap);
                }
            }
            case ROW -> {
                for (int row = 0; row < channels * height; row++) {
                    subtractMean(in, out, row * width, width, cap);
                }
            }
            case COL -> subtractStridedMeans(in, out, channels, width, height, width, cap);
            case PIXEL -> subtractStridedMeans(in, out, 1, plane, channels, plane, cap);
            default -> throw new IllegalStateException(dim.toString());
        }
    }

    /** Over the contiguous n elements from start: out = in - mean (mean in double). */
    private static void subtractMean(float[] in, float[] out, int start, int n, boolean cap) {
        double sum = 0;
        for (int at = start; at < start + n; at++) {
            sum += in[at];
        }
        double mean = sum / n;
        for (int at = start; at < start + n; at++) {
            float v = (float) (in[at] - mean);
            out[at] = cap ? Finite.cap(v) : v;
        }
    }

    /**
     * Means over strided lines, computed a block of {@code lines} lines at a time so every loop runs over
     * contiguous memory: in block b, line j holds elements {@code b * n * stride + j + k * stride}, k = 0..n-1
     * (columns of a channel: stride width; pixels: stride plane, one block). Sums add k in order, as a
     * line-by-line loop would, so the means are the same bits.
     */
    private static void subtractStridedMeans(float[] in, float[] out, int blocks, int lines, int n, int stride,
                                             boolean cap) {
        double[] means = new double[lines];
        for (int b = 0; b < blocks; b++) {
            int base = b * n * stride;
            java.util.Arrays.fill(means, 0);
            for (int k = 0; k < n; k++) {
                int row = base + k * stride;
                for (int j = 0; j < lines; j++) {
                    means[j] += in[row + j];
                }
            }
            for (int j = 0; j < lines; j++) {
                means[j] /= n;
            }
            for (int k = 0; k < n; k++) {
                int row = base + k * stride;
                for (int j = 0; j < lines; j++) {
                    float v = (float) (in[row + j] - means[j]);
                    out[row + j] = cap ? Finite.cap(v) : v;
                }
            }
        }
    }
}
