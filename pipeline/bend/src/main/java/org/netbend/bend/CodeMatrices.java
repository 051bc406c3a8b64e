package org.netbend.bend;

/**
 * The channel matrices of {@code code-matrix}: the audio code is the operator. Six numbers fill a skew-symmetric
 * generator A (planes 01, 02, 03, 12, 13, 23) whose exponential exp(A) is a rotation in SO(4); sixteen numbers
 * are a general 4x4 matrix M, scaled down to M·(bound/σ_max) when its largest singular value exceeds the bound.
 */
final class CodeMatrices {
    /** Largest singular value a general code matrix keeps: it never stretches the latent. */
    static final double SINGULAR_BOUND = 1.0;
    private static final int[][] PLANES = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
    private static final int TAYLOR_TERMS = 18;

    private CodeMatrices() { }

    /** exp(A), A_ij = p[o+k], A_ji = −p[o+k] for the k-th plane (i, j): orthogonal, determinant 1. */
    static double[][] rotation(double[] p, int o) {
        double[][] a = new double[4][4];
        for (int k = 0; k < PLANES.length; k++) {
            a[PLANES[k][0]][PLANES[k][1]] = p[o + k];
            a[PLANES[k][1]][PLANES[k][0]] = -p[o + k];
        }
        return exp(a);
    }

    /** M from 16 numbers, row by row, scaled so that σ_max(M) ≤ {@link #SINGULAR_BOUND}. */
    static double[][] bounded(double[] p, int o) {
        double[][] m = new double[4][4];
        for (int k = 0; k < 16; k++) {
            m[k / 4][k % 4] = p[o + k];
        }
        double sigma = largestSingularValue(m);
        if (sigma > SINGULAR_BOUND) {
            double scale = SINGULAR_BOUND / sigma;
            for (double[] row : m) {
                for (int j = 0; j < 4; j++) {
                    row[j] *= scale;
                }
            }
        }
        return m;
    }

    /**
     * exp(A) by scaling and squaring: the Taylor series of A/2^s (norm ≤ 1/2, 18 terms, far below double
     * rounding), squared s times. A = 0 gives the identity exactly. Fixed operation order: deterministic.
     */
    static double[][] exp(double[][] a) {
        double norm = 0;
        for (double[] row : a) {
            double sum = 0;
            for (double v : row) {
                sum += Math.abs(v);
            }
            norm = Math.max(norm, sum);
        }
        int squarings = norm > 0.5 ? Math.min(64, Math.getExponent(norm) + 2) : 0;
        double scale = Math.scalb(1.0, -squarings);
        double[][] scaled = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                scaled[i][j] = a[i][j] * scale;
            }
        }
        double[][] sum = identity();
        double[][] term = identity();
        for (int n = 1; n <= TAYLOR_TERMS; n++) {
            term = times(term, scaled);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    term[i][j] /= n;
                    sum[i][j] += term[i][j];
                }
            }
        }
        for (int s = 0; s < squarings; s++) {
            sum = times(sum, sum);
        }
        return sum;
    }

    /** σ_max = sqrt of the largest eigenvalue of MᵀM, by cyclic Jacobi rotations (fixed sweeps, symmetric 4x4). */
    static double largestSingularValue(double[][] m) {
        double[][] s = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += m[k][i] * m[k][j];
                }
                s[i][j] = sum;
            }
        }
        for (int sweep = 0; sweep < 30; sweep++) {
            double off = 0;
            for (int i = 0; i < 4; i++) {
                for (int j = i + 1; j < 4; j++) {
                    off += s[i][j] * s[i][j];
                }
            }
            if (off == 0) {
                break;
            }
            for (int p = 0; p < 4; p++) {
                for (int q = p + 1; q < 4; q++) {
                    if (s[p][q] != 0) {
                        jacobiRotate(s, p, q);
                    }
                }
            }
        }
        double max = 0;
        for (int i = 0; i < 4; i++) {
            max = Math.max(max, s[i][i]);
        }
        return Math.sqrt(max);
    }

    /** Zeroes s[p][q] by a plane rotation Jᵀ S J (Golub and Van Loan's symmetric Schur step). */
    private static void jacobiRotate(double[][] s, int p, int q) {
        double theta = (s[q][q] - s[p][p]) / (2 * s[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double sn = t * c;
        for (int k = 0; k < 4; k++) {
            double skp = s[k][p];
            double skq = s[k][q];
            s[k][p] = c * skp - sn * skq;
            s[k][q] = sn * skp + c * skq;
        }
        for (int k = 0; k < 4; k++) {
            double spk = s[p][k];
            double sqk = s[q][k];
            s[p][k] = c * spk - sn * sqk;
            s[q][k] = sn * spk + c * sqk;
        }
    }

    private static double[][] identity() {
        double[][] m = new double[4][4];
        for (int i = 0; i < 4; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += a[i][k] * b[k][j];
                }
                c[i][j] = sum;
            }
        }
        return c;
    }
}
