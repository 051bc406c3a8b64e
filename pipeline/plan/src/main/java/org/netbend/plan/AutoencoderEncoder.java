package org.netbend.plan;

import java.util.Locale;
import org.netbend.core.EncoderSpec;

/**
 * {@code autoencoder(D[,SEED])}, fitted: a window of {@link EncoderSpec#CONTEXT_FRAMES} log-mel frames around frame t
 * (edges repeat the first or last frame), flattened to n = 7·40 values and normalised per value,
 * u = (x − mean)/scale, goes through
 * <pre>encoder  z = W2·tanh(W1·u + b1) + b2        (n → 64 → D; z is the code)
 * decoder  û = W4·tanh(W3·z + b3) + b4        (D → 64 → n)</pre>
 * trained by {@link AutoencoderTrainer} to minimise the mean of (û − u)². Encoding runs here, in Java, from the
 * stored weights (no deep-learning engine needed to reuse an encoder), in a fixed order: deterministic.
 *
 * @param spec                {@code autoencoder(D[,SEED])}
 * @param mean                per input value
 * @param scale               per input value (the standard deviation, at least 1e-3)
 * @param layers              W1, W2, W3, W4 as [out][in]
 * @param biases              b1, b2, b3, b4
 * @param reconstructionError the mean of (û − u)² over the training frames (1 ≈ predicting the mean)
 */
public record AutoencoderEncoder(EncoderSpec spec, float[] mean, float[] scale, float[][][] layers, float[][] biases,
        double reconstructionError) implements AudioEncoder {
    /** Hidden units of the encoder and the decoder. */
    static final int HIDDEN = 64;

    @Override
    public double[][] encode(float[][] logMel) {
        double[][] codes = new double[logMel.length][];
        float[] window = new float[mean.length];
        for (int t = 0; t < logMel.length; t++) {
            codes[t] = code(normalised(logMel, t, window));
        }
        return codes;
    }

    /** z for one normalised window. */
    double[] code(float[] u) {
        return affine(layers[1], biases[1], tanh(affine(layers[0], biases[0], toDouble(u))));
    }

    /** û for a code. */
    double[] decode(double[] z) {
        return affine(layers[3], biases[3], tanh(affine(layers[2], biases[2], z)));
    }

    /** The normalised context window of frame t into {@code out}. */
    float[] normalised(float[][] logMel, int t, float[] out) {
        window(logMel, t, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = (out[i] - mean[i]) / scale[i];
        }
        return out;
    }

    /** Frames t−3..t+3 (clamped at the edges), flattened. */
    static void window(float[][] logMel, int t, float[] out) {
        int bins = logMel[0].length;
        int half = EncoderSpec.CONTEXT_FRAMES / 2;
        for (int k = 0; k < EncoderSpec.CONTEXT_FRAMES; k++) {
            int frame = Math.max(0, Math.min(logMel.length - 1, t + k - half));
            System.arraycopy(logMel[frame], 0, out, k * bins, bins);
        }
    }

    @Override
    public String describe(int component) {
        return String.format(Locale.ROOT, "%s component %d (reconstruction error %.3f)", spec, component,
                reconstructionError);
    }

    private static double[] affine(float[][] w, float[] b, double[] x) {
        double[] y = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            float[] row = w[i];
            double sum = b[i];
            for (int j = 0; j < row.length; j++) {
                sum += row[j] * x[j];
            }
            y[i] = sum;
        }
        return y;
    }

    private static double[] tanh(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.tanh(x[i]);
        }
        return x;
    }

    private static double[] toDouble(float[] u) {
        double[] x = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            x[i] = u[i];
        }
        return x;
    }
}
