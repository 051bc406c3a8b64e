package org.netbend.bend;

/**
 * The channel-mixing matrices: x'[i,h,w] = sum_j M[i][j] x[j,h,w] (DESIGN.md section 2). Row i of M is output
 * channel i.
 */
public final class ChannelMatrices {
    /** The six planes of SO(4), in the order rotate-so4 takes its angles. */
    public static final int[][] SO4_PLANES = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};

    private ChannelMatrices() { }

    public static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /**
     * Rotation by {@code angle} in the plane of channels (i, j): M[i][i] = M[j][j] = cos, M[i][j] = -sin,
     * M[j][i] = sin. The paper's R1 is plane (1,2), R2 is (2,0), R3 is (3,0) and R4 is (0,1).
     */
    public static double[][] rotation(int n, int i, int j, double angle) {
        double[][] m = identity(n);
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        m[i][i] = c;
        m[j][j] = c;
        m[i][j] = -s;
        m[j][i] = s;
        return m;
    }

    /**
     * A rotation of 4 channels from six angles, one per plane of {@link #SO4_PLANES}: the product
     * G01(a0) G02(a1) G03(a2) G12(a3) G13(a4) G23(a5). A product of rotations, so orthogonal with determinant 1
     * for any angles.
     */
    public static double[][] so4(double[] angles, int offset) {
        double[][] m = identity(4);
        for (int k = 0; k < 6; k++) {
            m = multiply(m, rotation(4, SO4_PLANES[k][0], SO4_PLANES[k][1], angles[offset + k]));
        }
        return m;
    }

    /** Identity with entry (d,d) = -1. */
    public static double[][] reflection(int n, int d) {
        double[][] m = identity(n);
        m[d][d] = -1;
        return m;
    }

    /** The Sylvester Hadamard matrix divided by sqrt(n): orthogonal, symmetric, its own inverse. */
    public static double[][] hadamard(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("hadamard needs a power-of-two channel count, got " + n);
        }
        double[][] h = {{1}};
        for (int size = 1; size < n; size *= 2) {
            double[][] next = new double[size * 2][size * 2];
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    next[i][j] = h[i][j];
                    next[i][j + size] = h[i][j];
                    next[i + size][j] = h[i][j];
                    next[i + size][j + size] = -h[i][j];
                }
            }
            h = next;
        }
        double scale = 1 / Math.sqrt(n);
        for (double[] row : h) {
            for (int j = 0; j < n; j++) {
                row[j] *= scale;
            }
        }
        return h;
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    /**
     * dst = M src over channels, for every pixel, each value capped ({@link Finite#cap(double)}). Each pixel's
     * channels are read before any is written, so src == dst is allowed. Sums run in double, term by term
     * from j = 0, the same on both paths.
     */
    static void apply(double[][] m, float[] src, float[] dst, int channels, int plane) {
        if (channels == 4) {
            apply4(m, src, dst, plane);
            return;
        }
        double[] x = new double[channels];
        for (int p = 0; p < plane; p++) {
            for (int j = 0; j < channels; j++) {
                x[j] = src[j * plane + p];
            }
            for (int i = 0; i < channels; i++) {
                double[] row = m[i];
                double sum = 0;
                for (int j = 0; j < channels; j++) {
                    sum += row[j] * x[j];
                }
                dst[i * plane + p] = Finite.cap(sum);
            }
        }
    }

    /** The SD case, unrolled: the matrix in locals, one pass over the pixels. */
    private static void apply4(double[][] m, float[] src, float[] dst, int plane) {
        double m00 = m[0][0], m01 = m[0][1], m02 = m[0][2], m03 = m[0][3];
        double m10 = m[1][0], m11 = m[1][1], m12 = m[1][2], m13 = m[1][3];
        double m20 = m[2][0], m21 = m[2][1], m22 = m[2][2], m23 = m[2][3];
        double m30 = m[3][0], m31 = m[3][1], m32 = m[3][2], m33 = m[3][3];
        for (int p = 0; p < plane; p++) {
            double x0 = src[p];
            double x1 = src[plane + p];
            double x2 = src[2 * plane + p];
            double x3 = src[3 * plane + p];
            // 0.0 + first term, as the general loop does: it turns a -0.0 product into +0.0.
            dst[p] = Finite.cap(0.0 + m00 * x0 + m01 * x1 + m02 * x2 + m03 * x3);
            dst[plane + p] = Finite.cap(0.0 + m10 * x0 + m11 * x1 + m12 * x2 + m13 * x3);
            dst[2 * plane + p] = Finite.cap(0.0 + m20 * x0 + m21 * x1 + m22 * x2 + m23 * x3);
            dst[3 * plane + p] = Finite.cap(0.0 + m30 * x0 + m31 * x1 + m32 * x2 + m33 * x3);
        }
    }
}
