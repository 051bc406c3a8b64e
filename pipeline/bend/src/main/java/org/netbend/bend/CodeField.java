package org.netbend.bend;

import java.util.Collections;
import java.util.List;
import org.netbend.core.Latent;

/**
 * {@code code-field(D[,gain])}: the D numbers of the audio code as a field of 4 x h x w (h·w = D/4, h the largest
 * divisor of D/4 not above its square root), upsampled bilinearly (cell centres, clamped edges) to the latent's
 * H x W and added with the gain: x'[c,y,x] = x[c,y,x] + gain·F[g(c)](y, x), g(c) = ⌊4c/C⌋, so a latent with more
 * than four channels (a U-Net site) takes the field on four channel groups. Gain 0 or an all-zero code leaves the
 * latent as it is, bit for bit.
 */
final class CodeField implements Operator {
    static final ParamSpec CODE = ParamSpec.of("code", -1, 1, Domain.between(-100, 100));

    private final OperatorCall call;
    private final List<ParamSpec> parameters;
    private final int fieldHeight;
    private final int fieldWidth;
    private final double gain;
    /** The last field upsampled: a frame runs the same code at every step, so it is upsampled once a frame. */
    private transient volatile Upsampled last;

    /** A field at one size for one code (immutable, so threads may share it). */
    private record Upsampled(double[] code, int height, int width, double[][] planes) { }

    CodeField(OperatorCall call, int dimensions, double gain) {
        this.call = call;
        this.parameters = Collections.nCopies(dimensions, CODE);
        int cells = dimensions / 4;
        int h = (int) Math.floor(Math.sqrt(cells));
        while (cells % h != 0) {
            h--;
        }
        this.fieldHeight = h;
        this.fieldWidth = cells / h;
        this.gain = gain;
    }

    @Override public OperatorCall call() { return call; }

    @Override public List<ParamSpec> parameters() { return parameters; }

    /** Each element is read once, before it is written. */
    @Override public boolean inPlace() { return true; }

    int fieldHeight() { return fieldHeight; }

    int fieldWidth() { return fieldWidth; }

    double gain() { return gain; }

    @Override
    public void apply(Latent src, Latent dst, double[] p, int offset, BendContext context, boolean cap) {
        float[] in = src.data();
        float[] out = dst.data();
        if (gain == 0 || allZero(p, offset)) {
            if (in != out) {
                System.arraycopy(in, 0, out, 0, in.length);
            }
            return;
        }
        int height = src.height();
        int width = src.width();
        int plane = src.planeSize();
        double[][] field = cachedField(p, offset, height, width);
        int channels = src.channels();
        for (int c = 0; c < channels; c++) {
            double[] f = field[Math.min(3, c * 4 / channels)];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                float v = (float) (in[base + i] + gain * f[i]);
                out[base + i] = cap ? Finite.cap(v) : v;
            }
        }
    }

    private double[][] cachedField(double[] p, int offset, int height, int width) {
        double[] code = java.util.Arrays.copyOfRange(p, offset, offset + parameters.size());
        Upsampled seen = last;
        if (seen != null && seen.height() == height && seen.width() == width && java.util.Arrays.equals(seen.code(),
                code)) {
            return seen.planes();
        }
        double[][] planes = upsampled(p, offset, height, width);
        last = new Upsampled(code, height, width, planes);
        return planes;
    }

    /** The four field channels at H x W, row-major. */
    double[][] upsampled(double[] p, int offset, int height, int width) {
        double[][] planes = new double[4][height * width];
        int cells = fieldHeight * fieldWidth;
        for (int y = 0; y < height; y++) {
            double v = clamp((y + 0.5) * fieldHeight / height - 0.5, fieldHeight - 1);
            int y0 = (int) Math.floor(v);
            int y1 = Math.min(fieldHeight - 1, y0 + 1);
            double fy = v - y0;
            for (int x = 0; x < width; x++) {
                double u = clamp((x + 0.5) * fieldWidth / width - 0.5, fieldWidth - 1);
                int x0 = (int) Math.floor(u);
                int x1 = Math.min(fieldWidth - 1, x0 + 1);
                double fx = u - x0;
                for (int g = 0; g < 4; g++) {
                    int at = offset + g * cells;
                    double top = p[at + y0 * fieldWidth + x0] * (1 - fx) + p[at + y0 * fieldWidth + x1] * fx;
                    double bottom = p[at + y1 * fieldWidth + x0] * (1 - fx) + p[at + y1 * fieldWidth + x1] * fx;
                    planes[g][y * width + x] = top * (1 - fy) + bottom * fy;
                }
            }
        }
        return planes;
    }

    private boolean allZero(double[] p, int offset) {
        for (int i = 0; i < parameters.size(); i++) {
            if (p[offset + i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
