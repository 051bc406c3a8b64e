package org.netbend.bend;

import java.util.List;
import org.netbend.core.Latent;

/**
 * Grey-scale erosion (window minimum) or dilation (window maximum) with a k x k window, per channel. The
 * window covers offsets {@code -k/2 .. k-1-k/2} (integer division) in each direction, so an even k (the
 * paper's 4) reaches one further up/left than down/right, as kornia's morphology does. Outside the latent
 * nothing counts: the window is clipped to the image. Separable: the k x k minimum is the column-wise minimum
 * of the row-wise minima, exact for a rectangular window (min and max are exact, so order does not matter).
 * Each pass folds in one shifted copy of the whole channel plane at a time: the shift is made by
 * System.arraycopy into a buffer, so the fold itself reads and writes the same index of two distinct arrays,
 * a loop the JIT vectorises (with differing offsets it must assume the arrays may overlap and stays scalar).
 * Shifting the plane sideways mixes in the neighbouring row at the ends of each row, so the row pass then
 * recomputes its first k/2 and last k-1-k/2 columns with the clipped window.
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

    /** The row pass goes into a buffer of its own; the column pass reads only that buffer. */
    @Override public boolean inPlace() { return true; }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        int height = src.height();
        int width = src.width();
        int plane = height * width;
        int before = k / 2;
        int after = k - 1 - before;
        float[] in = src.data();
        float[] out = dst.data();
        float[] rows = new float[plane];
        float[] cols = new float[plane];
        float[] shifted = new float[plane];
        for (int c = 0; c < src.channels(); c++) {
            int base = c * plane;
            // Row pass: rows[w] = extreme of in[w - before .. w + after] within the row.
            System.arraycopy(in, base, rows, 0, plane);
            for (int d = 1; d <= after && d < plane; d++) {
                System.arraycopy(in, base + d, shifted, 0, plane - d);
                fold(rows, shifted, 0, plane - d);
            }
            for (int d = 1; d <= before && d < plane; d++) {
                System.arraycopy(in, base, shifted, d, plane - d);
                fold(rows, shifted, d, plane);
            }
            for (int h = 0; h < height; h++) {
                rowEnds(in, base + h * width, rows, h * width, width, before, after);
            }
            // Column pass: output row h = extreme of rows h - before .. h + after, whole rows at a time.
            System.arraycopy(rows, 0, cols, 0, plane);
            for (int d = 1; d <= after && d < height; d++) {
                System.arraycopy(rows, d * width, shifted, 0, plane - d * width);
                fold(cols, shifted, 0, plane - d * width);
            }
            for (int d = 1; d <= before && d < height; d++) {
                System.arraycopy(rows, 0, shifted, d * width, plane - d * width);
                fold(cols, shifted, d * width, plane);
            }
            System.arraycopy(cols, 0, out, base, plane);
            if (cap) {
                Finite.capRange(out, base, base + plane);
            }
        }
    }

    /**
     * The columns whose window reaches past the row's start (w < before) or end (w >= width - after), as
     * running extremes from each end of the row in[from .. from + width) into out[to ..].
     */
    private void rowEnds(float[] in, int from, float[] out, int to, int width, int before, int after) {
        float running = in[from];
        int reached = 0;
        for (int w = 0; w < Math.min(before, width); w++) {
            for (int hi = Math.min(width - 1, w + after); reached < hi; ) {
                running = extreme(running, in[from + ++reached]);
            }
            out[to + w] = running;
        }
        running = in[from + width - 1];
        reached = width - 1;
        for (int w = width - 1; w >= Math.max(width - after, 0); w--) {
            for (int lo = Math.max(0, w - before); reached > lo; ) {
                running = extreme(running, in[from + --reached]);
            }
            out[to + w] = running;
        }
    }

    private float extreme(float a, float b) {
        return dilate ? Math.max(a, b) : Math.min(a, b);
    }

    /** target[i] = extreme(target[i], source[i]) for i in from .. to-1. */
    private void fold(float[] target, float[] source, int from, int to) {
        if (dilate) {
            for (int i = from; i < to; i++) {
                target[i] = Math.max(target[i], source[i]);
            }
        } else {
            for (int i = from; i < to; i++) {
                target[i] = Math.min(target[i], source[i]);
            }
        }
    }
}
