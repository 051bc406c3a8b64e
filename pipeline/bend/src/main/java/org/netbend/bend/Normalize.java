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

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context) {
        int channels = src.channels();
        int height = src.height();
        int width = src.width();
        int plane = height * width;
        float[] in = src.data();
        float[] out = dst.data();
        switch (dim) {
            case ALL -> subtractMean(in, out, 0, in.length, 1);
            case CHANNEL -> {
                for (int c = 0; c < channels; c++) {
                    subtractMean(in, out, c * plane, plane, 1);
                }
            }
            case ROW -> {
                for (int row = 0; row < channels * height; row++) {
                    subtractMean(in, out, row * width, width, 1);
                }
            }
            case COL -> {
                for (int c = 0; c < channels; c++) {
                    for (int w = 0; w < width; w++) {
                        subtractMean(in, out, c * plane + w, height, width);
                    }
                }
            }
            case PIXEL -> {
                for (int i = 0; i < plane; i++) {
                    subtractMean(in, out, i, channels, plane);
                }
            }
            default -> throw new IllegalStateException(dim.toString());
        }
    }

    /** Over the n elements start, start + stride, ...: out = in - mean (mean in double). */
    private static void subtractMean(float[] in, float[] out, int start, int n, int stride) {
        double sum = 0;
        for (int i = 0, at = start; i < n; i++, at += stride) {
            sum += in[at];
        }
        double mean = sum / n;
        for (int i = 0, at = start; i < n; i++, at += stride) {
            out[at] = (float) (in[at] - mean);
        }
    }
}
