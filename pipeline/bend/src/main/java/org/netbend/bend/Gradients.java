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
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context) {
        int height = src.height();
        int width = src.width();
        float[] in = src.data();
        float[] out = dst.data();
        for (int c = 0; c < src.channels(); c++) {
            int base = c * height * width;
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++) {
                    out[base + h * width + w] = switch (kind) {
                        case SOBEL -> sobel(in, base, height, width, h, w);
                        case GRADIENT_X -> central(in, base + h * width, 1, width, w);
                        case GRADIENT_Y -> central(in, base + w, width, height, h);
                    };
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

    /** d/di along a line of n values start, start + stride, ... at position i. */
    private static float central(float[] in, int start, int stride, int n, int i) {
        if (n == 1) {
            return 0f;
        }
        if (i == 0) {
            return in[start + stride] - in[start];
        }
        if (i == n - 1) {
            return in[start + (n - 1) * stride] - in[start + (n - 2) * stride];
        }
        return (float) ((in[start + (i + 1) * stride] - (double) in[start + (i - 1) * stride]) / 2);
    }
}
