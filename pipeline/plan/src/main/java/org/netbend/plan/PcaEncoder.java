package org.netbend.plan;

import org.netbend.core.EncoderSpec;

import java.util.Arrays;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * {@code pca(D)}: the linear autoencoder in closed form. With the frames' log-mel vectors x_t (t = 0..T−1), mean μ
 * and covariance C = Σ (x_t − μ)(x_t − μ)ᵀ / T, the components v_0..v_{D−1} are C's eigenvectors of the D largest
 * eigenvalues λ_0 ≥ λ_1 ≥ ... (commons-math3's singular value decomposition of the symmetric, positive
 * semi-definite C, whose singular vectors are its eigenvectors: unlike its EigenDecomposition it converges on
 * the repeated zero eigenvalues of a rank-deficient C, such as a track of one steady sound), each signed so that its
 * entry of largest magnitude is positive (eigenvectors are defined up to sign; this makes the fit a function of
 * the audio). Code: z_t,i = v_iᵀ(x_t − μ); explained variance of component i: λ_i / Σ_j λ_j.
 *
 * @param spec       {@code pca(D)}
 * @param mean       μ, one value per mel bin
 * @param components D rows of {@link EncoderSpec#MEL_BINS} values, unit length
 * @param variances  λ_0..λ_{D−1}
 * @param total      Σ_j λ_j over all bins
 */
public record PcaEncoder(EncoderSpec spec, double[] mean, double[][] components, double[] variances, double total)
        implements AudioEncoder {

    /** Fits on the frames given (a track's, or a corpus's concatenated). */
    public static PcaEncoder fit(EncoderSpec spec, float[][] logMel) {
        if (logMel.length < 1) {
            throw new IllegalArgumentException(spec + ": needs at least one frame of audio to fit");
        }
        int bins = logMel[0].length;
        double[] mean = new double[bins];
        for (float[] frame : logMel) {
            for (int k = 0; k < bins; k++) {
                mean[k] += frame[k];
            }
        }
        for (int k = 0; k < bins; k++) {
            mean[k] /= logMel.length;
        }
        double[][] covariance = new double[bins][bins];
        double[] centred = new double[bins];
        for (float[] frame : logMel) {
            for (int k = 0; k < bins; k++) {
                centred[k] = frame[k] - mean[k];
            }
            for (int i = 0; i < bins; i++) {
                for (int j = i; j < bins; j++) {
                    covariance[i][j] += centred[i] * centred[j];
                }
            }
        }
        for (int i = 0; i < bins; i++) {
            for (int j = i; j < bins; j++) {
                covariance[i][j] /= logMel.length;
                covariance[j][i] = covariance[i][j];
            }
        }
        return fromCovariance(spec, mean, covariance);
    }

    /** The D leading eigenvectors of a symmetric covariance matrix. */
    static PcaEncoder fromCovariance(EncoderSpec spec, double[] mean, double[][] covariance) {
        int bins = covariance.length;
        RealMatrix c = MatrixUtils.createRealMatrix(covariance);
        SingularValueDecomposition svd = new SingularValueDecomposition(c);
        double[] values = svd.getSingularValues(); // non-increasing
        RealMatrix vectors = svd.getU();
        int d = spec.dimensions();
        double[][] components = new double[d][];
        double[] variances = new double[d];
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        for (int i = 0; i < d; i++) {
            double[] vector = vectors.getColumnVector(i).unitVector().toArray();
            int largest = 0;
            for (int k = 1; k < bins; k++) {
                if (Math.abs(vector[k]) > Math.abs(vector[largest])) {
                    largest = k;
                }
            }
            if (vector[largest] < 0) {
                for (int k = 0; k < bins; k++) {
                    vector[k] = -vector[k];
                }
            }
            components[i] = vector;
            variances[i] = Math.max(0, values[i]);
        }
        return new PcaEncoder(spec, mean, components, variances, total);
    }

    @Override
    public double[][] encode(float[][] logMel) {
        int d = components.length;
        double[][] codes = new double[logMel.length][d];
        for (int t = 0; t < logMel.length; t++) {
            for (int i = 0; i < d; i++) {
                double[] v = components[i];
                double sum = 0;
                for (int k = 0; k < v.length; k++) {
                    sum += v[k] * (logMel[t][k] - mean[k]);
                }
                codes[t][i] = sum;
            }
        }
        return codes;
    }

    /** λ_i / Σ λ. */
    public double explained(int component) {
        return total > 0 ? variances[component] / total : 0;
    }

    @Override
    public String describe(int component) {
        return String.format(java.util.Locale.ROOT, "%s component %d: %.1f%% of the variance", spec, component,
                100 * explained(component));
    }
}
