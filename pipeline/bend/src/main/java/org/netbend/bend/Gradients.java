package org.netbend.bend;

import java.util.List;
import org.netbend.core.Latent;

/**
 * Spatial derivatives per channel. {@code sobel}: the edge magnitude sqrt(gx^2 + gy^2) of the 3x3 Sobel
 * kernels divided by 8 (so a unit ramp has slope 1), borders replicated. {@code gradient(x|y)}: the signed
 * derivative along x (columns) or y (rows) by central differences, one-sided at the borders (numpy/torch
 * {@code gradient} with spacing 1).
 */
final class Gradients implements Operator {
    enum Kind { SOBEL, GRADIENT_X, GRADIENT_Y }

    private final OperatorCall call;
    private final Kind kind;

    Gradients(OperatorCall call, Kind kind) {
        this.call = call;
        this.kind = kind;
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return List.of(); }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        int height = src.height();
        int width = src.width();
        float[] in = src.data();
        float[] out = dst.data();
        for (int c = 0; c < src.channels(); c++) {
            int base = c * height * width;
            switch (kind) {
                case SOBEL -> sobelPlane(in, out, base, height, width);
                case GRADIENT_X -> {
                    for (int h = 0; h < height; h++) {
                        centralLine(in, out, base + h * width, 1, width);
                    }
                }
                case GRADIENT_Y -> {
                    for (int w = 0; w < width; w++) {
                        centralLine(in, out, base + w, width, height);
                    }
                }
                default -> throw new IllegalStateException(kind.toString());
            }
            if (cap) {
                Finite.capRange(out, base, base + height * width);
            }
        }
    }

    /** Interior pixels straight from their 3x3 neighbours; the border (replicated edges) pixel by pixel. */
    private static void sobelPlane(float[] in, float[] out, int base, int height, int width) {
        for (int h = 1; h < height - 1; h++) {
            int up = base + (h - 1) * width;
            int mid = base + h * width;
            int down = base + (h + 1) * width;
            for (int w = 1; w < width - 1; w++) {
                double gx = (in[up + w + 1] + 2 * (double) in[mid + w + 1] + in[down + w + 1]
                        - in[up + w - 1] - 2 * (double) in[mid + w - 1] - in[down + w - 1]) / 8;
                double gy = (in[down + w - 1] + 2 * (double) in[down + w] + in[down + w + 1]
                        - in[up + w - 1] - 2 * (double) in[up + w] - in[up + w + 1]) / 8;
                out[mid + w] = (float) Math.sqrt(gx * gx + gy * gy);
            }
        }
        for (int h = 0; h < height; h++) {
            boolean edgeRow = h == 0 || h == height - 1;
            for (int w = 0; w < width; w++) {
                if (edgeRow || w == 0 || w == width - 1) {
                    out[base + h * width + w] = sobel(in, base, height, width, h, w);
                }
            }
        }
    }

    private static float sobel(float[] in, int base, int height, int width, int h, int w) {
        int up = Math.max(h - 1, 0);
        int down = Math.min(h + 1, height - 1);
        int left = Math.max(w - 1, 0);
        int right = Math.min(w + 1, width - 1);
        double gx = (at(in, base, width, up, right) + 2 * at(in, base, width, h, right) + at(in, base, width, down, right)
                - at(in, base, width, up, left) - 2 * at(in, base, width, h, left) - at(in, base, width, down, left)) / 8;
        double gy = (at(in, base, width, down, left) + 2 * at(in, base, width, down, w) + at(in, base, width, down, right)
                - at(in, base, width, up, left) - 2 * at(in, base, width, up, w) - at(in, base, width, up, right)) / 8;
        return (float) Math.sqrt(gx * gx + gy * gy);
    }

    private static double at(float[] in, int base, int width, int h, int w) { return in[base + h * width + w]; }

    /**
     * d/di along a line of n values start, start + stride, ...: central differences inside, one-sided at the
     * ends.
     */
    private static void centralLine(float[] in, float[] out, int start, int stride, int n) {
        if (n == 1) {
            out[start] = 0f;
            return;
        }
        int last = start + (n - 1) * stride;
        out[start] = in[start + stride] - in[start];
        for (int at = start + stride; at < last; at += stride) {
            out[at] = (float) ((in[at + stride] - (double) in[at - stride]) / 2);
        }
        out[last] = in[last] - in[last - stride];
    }
}
