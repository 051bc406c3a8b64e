package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netbend.core.Latent;

/** Rotations, reflection, Hadamard and matrices against DESIGN.md's matrices and linear-algebra identities. */
class ChannelMatrixTest {
    private static final double EPS = 1e-12;

    /** DESIGN.md section 2, typed in by hand. */
    private static double[][] designMatrix(int which, double r) {
        double c = Math.cos(r);
        double s = Math.sin(r);
        return switch (which) {
            case 1 -> new double[][] {{1, 0, 0, 0}, {0, c, -s, 0}, {0, s, c, 0}, {0, 0, 0, 1}};
            case 2 -> new double[][] {{c, 0, s, 0}, {0, 1, 0, 0}, {-s, 0, c, 0}, {0, 0, 0, 1}};
            case 3 -> new double[][] {{c, 0, 0, s}, {0, 1, 0, 0}, {0, 0, 1, 0}, {-s, 0, 0, c}};
            case 4 -> new double[][] {{c, -s, 0, 0}, {s, c, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
            default -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void paperRotationsApplyTheDesignMatrices(int which) {
        double angle = 0.83;
        Latent input = TestLatents.gaussian(4, 5, 6, which);
        Latent out = TestLatents.run("rotate-r" + which + "@0=" + angle, input);
        double[][] m = designMatrix(which, angle);
        int plane = input.planeSize();
        for (int p = 0; p < plane; p++) {
            for (int i = 0; i < 4; i++) {
                double expected = 0;
                for (int j = 0; j < 4; j++) {
                    expected += m[i][j] * input.data()[j * plane + p];
                }
                assertEquals(expected, out.data()[i * plane + p], 1e-5);
            }
        }
    }

    @Test
    void rotationPlanesOfTheAliasesMatchTheDesign() {
        assertMatrix(designMatrix(1, 1.1), ChannelMatrices.rotation(4, 1, 2, 1.1));
        assertMatrix(designMatrix(2, 1.1), ChannelMatrices.rotation(4, 2, 0, 1.1));
        assertMatrix(designMatrix(3, 1.1), ChannelMatrices.rotation(4, 3, 0, 1.1));
        assertMatrix(designMatrix(4, 1.1), ChannelMatrices.rotation(4, 0, 1, 1.1));
    }

    @Test
    void rotateInAnyPlaneEqualsTheNamedAlias() {
        Latent input = TestLatents.gaussian(4, 4, 4, 9);
        assertArrayEquals(TestLatents.run("rotate-r2@0=0.4", input).data(),
                TestLatents.run("rotate(2,0)@0=0.4", input).data());
    }

    @Test
    void so4IsOrthogonalWithDeterminantOneForAnyAngles() {
        double[] angles = {0.3, -1.2, 2.9, 4.4, 0.01, -3.3};
        double[][] m = ChannelMatrices.so4(angles, 0);
        assertMatrix(ChannelMatrices.identity(4), ChannelMatrices.multiply(m, transpose(m)));
        assertEquals(1.0, determinant(m), 1e-12);
    }

    @Test
    void so4WithOneAngleIsThatPlanesRotation() {
        for (int k = 0; k < 6; k++) {
            double[] angles = new double[6];
            angles[k] = 0.7;
            int[] plane = ChannelMatrices.SO4_PLANES[k];
            assertMatrix(ChannelMatrices.rotation(4, plane[0], plane[1], 0.7), ChannelMatrices.so4(angles, 0));
        }
    }

    @Test
    void so4OperatorPreservesEveryPixelsNorm() {
        Latent input = TestLatents.gaussian(4, 6, 6, 4);
        Latent out = TestLatents.run("rotate-so4@0=1,2,3,4,5,6", input);
        int plane = input.planeSize();
        for (int p = 0; p < plane; p++) {
            double before = 0;
            double after = 0;
            for (int c = 0; c < 4; c++) {
                before += Math.pow(input.data()[c * plane + p], 2);
                after += Math.pow(out.data()[c * plane + p], 2);
            }
            assertEquals(before, after, 1e-4);
        }
    }

    @Test
    void reflectTwiceIsTheIdentityAndNegatesOnlyItsChannel() {
        Latent input = TestLatents.gaussian(4, 5, 5, 5);
        Latent once = TestLatents.run("reflect(2)@0", input);
        Latent twice = TestLatents.run("reflect(2)@0", once);
        assertArrayEquals(input.data(), twice.data());
        for (int c = 0; c < 4; c++) {
            for (int p = 0; p < 25; p++) {
                float x = input.data()[c * 25 + p];
                assertEquals(c == 2 ? -x : x, once.data()[c * 25 + p]);
            }
        }
    }

    @Test
    void hadamardIsOrthogonalAndItsOwnInverse() {
        double[][] h = ChannelMatrices.hadamard(4);
        double[][] expected = {{.5, .5, .5, .5}, {.5, -.5, .5, -.5}, {.5, .5, -.5, -.5}, {.5, -.5, -.5, .5}};
        assertMatrix(expected, h);
        assertMatrix(ChannelMatrices.identity(4), ChannelMatrices.multiply(h, h));
        Latent input = TestLatents.gaussian(4, 4, 4, 6);
        Latent twice = TestLatents.run("hadamard@0", TestLatents.run("hadamard@0", input));
        for (int i = 0; i < input.size(); i++) {
            assertEquals(input.data()[i], twice.data()[i], 1e-6);
        }
    }

    @Test
    void constantMatrixAndSourcedMatrixAgree() {
        Latent input = TestLatents.gaussian(4, 3, 3, 7);
        double[] entries = {0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, -2};
        StringBuilder literal = new StringBuilder("matrix(");
        for (int k = 0; k < 16; k++) {
            literal.append(k == 0 ? "" : ",").append(entries[k]);
        }
        Latent constant = TestLatents.run(literal + ")@0", input);
        Latent sourced = TestLatents.run("matrix@0=" + "0,".repeat(15) + "0", input, entries);
        assertArrayEquals(constant.data(), sourced.data());
        // Channel 0 <- channel 1, channel 1 <- channel 0, channel 2 halved, channel 3 times -2.
        assertEquals(input.get(1, 2, 1), constant.get(0, 2, 1));
        assertEquals(input.get(0, 2, 1), constant.get(1, 2, 1));
        assertEquals(input.get(2, 2, 1) * 0.5f, constant.get(2, 2, 1));
        assertEquals(input.get(3, 2, 1) * -2f, constant.get(3, 2, 1));
    }

    private static void assertMatrix(double[][] expected, double[][] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], EPS, "row " + i);
        }
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m.length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** Laplace expansion: independent of the code under test. */
    static double determinant(double[][] m) {
        if (m.length == 1) {
            return m[0][0];
        }
        double det = 0;
        for (int col = 0; col < m.length; col++) {
            double[][] minor = new double[m.length - 1][m.length - 1];
            for (int i = 1; i < m.length; i++) {
                for (int j = 0, k = 0; j < m.length; j++) {
                    if (j != col) {
                        minor[i - 1][k++] = m[i][j];
                    }
                }
            }
            det += (col % 2 == 0 ? 1 : -1) * m[0][col] * determinant(minor);
        }
        return det;
    }
}
