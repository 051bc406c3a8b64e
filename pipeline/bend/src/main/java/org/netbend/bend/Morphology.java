package org.netbend.bend;

import java.util.List;
import org.netbend.core.Latent;

/**
 * Grey-scale erosion (window minimum) or dilation (window maximum) with a k x k window, per channel. The
 * window covers offsets {@code -k/2 .. k-1-k/2} (integer division) in each direction, so an even k (the
 * paper's 4) reaches one further up/left than down/right, as kornia's morphology does. Outside the latent
 * nothing counts: the window is clipped to the image. Separable (rows, then columns), which is exact for a
 * rectangular window and costs O(k) per element instead of O(k^2).
 */
final class Morphology implements Operator {
    private final OperatorCall call;
    private final int k;
    private final boolean dilate;

    Morphology(OperatorCall call, int k, boolean dilate) {
        this.call = call;
        this.k = k;
        this.dilate = dilate;
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return List.of(); }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context) {
        int height = src.height();
        int width = src.width();
        int before = k / 2;
        int after = k - 1 - before;
        float[] in = src.data();
        float[] out = dst.data();
        float[] rowPass = new float[height * width];
        for (int c = 0; c < src.channels(); c++) {
            int base = c * height * width;
            for (int h = 0; h < height; h++) {
                int row = base + h * width;
                for (int w = 0; w < width; w++) {
                    int lo = Math.max(0, w - before);
                    int hi = Math.min(width - 1, w + after);
                    float best = in[row + lo];
                    for (int x = lo + 1; x <= hi; x++) {
                        best = dilate ? Math.max(best, in[row + x]) : Math.min(best, in[row + x]);
                    }
                    rowPass[h * width + w] = best;
                }
            }
            for (int h = 0; h < height; h++) {
                int lo = Math.max(0, h - before);
                int hi = Math.min(height - 1, h + after);
                for (int w = 0; w < width; w++) {
                    float best = rowPass[lo * width + w];
                    for (int y = lo + 1; y <= hi; y++) {
                        float v = rowPass[y * width + w];
                        best = dilate ? Math.max(best, v) : Math.min(best, v);
                    }
                    out[base + h * width + w] = best;
                }
            }
        }
    }
}
