package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netbend.core.Latent;

/** Morphology, normalisation, rescaling and derivatives against brute-force references. */
class SpatialOperatorTest {

    /** Up to windows wider than the 9x11 latent, where the row-end recomputation covers whole rows. */
    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 12, 15, 63})
    void erosionAndDilationEqualBruteForceWindowMinMax(int k) {
        Latent input = TestLatents.gaussian(4, 9, 11, k);
        Latent eroded = TestLatents.run("erode(" + k + ")@0", input);
        Latent dilated = TestLatents.run("dilate(" + k + ")@0", input);
        int before = k / 2;
        int after = k - 1 - before;
        for (int c = 0; c < 4; c++) {
            for (int h = 0; h < 9; h++) {
                for (int w = 0; w < 11; w++) {
                    float min = Float.POSITIVE_INFINITY;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int dy = -before; dy <= after; dy++) {
                        for (int dx = -before; dx <= after; dx++) {
                            int y = h + dy;
                            int x = w + dx;
                            if (y >= 0 && y < 9 && x >= 0 && x < 11) {
                                min = Math.min(min, input.get(c, y, x));
                                max = Math.max(max, input.get(c, y, x));
                            }
                        }
                    }
                    assertEquals(min, eroded.get(c, h, w), "erode at " + c + "," + h + "," + w);
                    assertEquals(max, dilated.get(c, h, w), "dilate at " + c + "," + h + "," + w);
                }
            }
        }
    }

    @Test
    void evenWindowReachesOneFurtherUpAndLeft() {
        Latent spike = new Latent(1, 6, 6);
        spike.set(0, 2, 2, 1f);
        Latent dilated = TestLatents.run("dilate(4)@0", spike);
        // The window of k=4 spans offsets -2..1, so the spike at (2,2) reaches rows/cols 1..4.
        for (int h = 0; h < 6; h++) {
            for (int w = 0; w < 6; w++) {
                boolean reached = h >= 1 && h <= 4 && w >= 1 && w <= 4;
                assertEquals(reached ? 1f : 0f, dilated.get(0, h, w), "at " + h + "," + w);
            }
        }
    }

    @Test
    void defaultWindowIsThePapersFour() {
        Latent input = TestLatents.gaussian(4, 8, 8, 2);
        assertArrayEquals(TestLatents.run("dilate(4)@0", input).data(), TestLatents.run("dilate@0", input).data());
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel", "row", "col", "pixel", "all"})
    void normalizeLeavesZeroMeanAlongItsDimension(String dim) {
        Latent input = TestLatents.gaussian(4, 6, 7, 8);
        for (int i = 0; i < input.size(); i++) {
            input.data()[i] += 3 + i % 5;
        }
        Latent out = TestLatents.run("normalize(" + dim + ")@0", input);
        int channels = 4;
        int height = 6;
        int width = 7;
        switch (dim) {
            case "channel" -> {
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int h = 0; h < height; h++) {
                        for (int w = 0; w < width; w++) {
                            sum += out.get(c, h, w);
                        }
                    }
                    assertEquals(0, sum / (height * width), 1e-5);
                }
            }
            case "row" -> {
                for (int c = 0; c < channels; c++) {
                    for (int h = 0; h < height; h++) {
                        double sum = 0;
                        for (int w = 0; w < width; w++) {
                            sum += out.get(c, h, w);
                        }
                        assertEquals(0, sum / width, 1e-5);
                    }
                }
            }
            case "col" -> {
                for (int c = 0; c < channels; c++) {
                    for (int w = 0; w < width; w++) {
                        double sum = 0;
                        for (int h = 0; h < height; h++) {
                            sum += out.get(c, h, w);
                        }
                        assertEquals(0, sum / height, 1e-5);
                    }
                }
            }
            case "pixel" -> {
                for (int h = 0; h < height; h++) {
                    for (int w = 0; w < width; w++) {
                        double sum = 0;
                        for (int c = 0; c < channels; c++) {
                            sum += out.get(c, h, w);
                        }
                        assertEquals(0, sum / channels, 1e-5);
                    }
                }
            }
            default -> {
                double sum = 0;
                for (float v : out.data()) {
                    sum += v;
                }
                assertEquals(0, sum / out.size(), 1e-5);
            }
        }
        // Only a mean was removed: differences within a group survive.
        if (dim.equals("channel")) {
            assertEquals(input.get(1, 2, 3) - input.get(1, 4, 5), out.get(1, 2, 3) - out.get(1, 4, 5), 1e-5);
        }
    }

    @Test
    void normalizeMaxPutsTheLargestMagnitudeAtOne() {
        Latent input = TestLatents.gaussian(4, 5, 5, 10);
        input.set(2, 3, 3, -9f);
        Latent out = TestLatents.run("normalize-max@0", input);
        assertEquals(-1f, out.get(2, 3, 3));
        assertEquals(input.get(0, 1, 1) / 9f, out.get(0, 1, 1), 1e-7);
    }

    @Test
    void rescaleMapsMinAndMaxOntoTheBounds() {
        Latent input = TestLatents.gaussian(4, 5, 5, 11);
        Latent out = TestLatents.run("rescale(-1,3)@0", input);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        int argMin = 0;
        for (int i = 0; i < input.size(); i++) {
            if (input.data()[i] < min) {
                min = input.data()[i];
                argMin = i;
            }
            max = Math.max(max, input.data()[i]);
        }
        assertEquals(-1f, out.data()[argMin], 1e-6);
        for (int i = 0; i < input.size(); i++) {
            assertEquals(-1 + (input.data()[i] - min) * 4.0 / (max - min), out.data()[i], 1e-5);
        }
        Latent symmetric = TestLatents.run("rescale@0=2", input);
        assertEquals(-2f, symmetric.data()[argMin], 1e-6);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Latent input = TestLatents.ramp(2, 5, 6);
        Latent gx = TestLatents.run("gradient(x)@0", input);
        Latent gy = TestLatents.run("gradient(y)@0", input);
        assertEquals((input.get(1, 2, 4) - input.get(1, 2, 2)) / 2, gx.get(1, 2, 3), 1e-6);
        assertEquals(input.get(1, 2, 1) - input.get(1, 2, 0), gx.get(1, 2, 0), 1e-6);
        assertEquals(input.get(1, 2, 5) - input.get(1, 2, 4), gx.get(1, 2, 5), 1e-6);
        assertEquals((input.get(0, 3, 2) - input.get(0, 1, 2)) / 2, gy.get(0, 2, 2), 1e-6);
        assertEquals(input.get(0, 4, 2) - input.get(0, 3, 2), gy.get(0, 4, 2), 1e-6);
    }

    @Test
    void sobelOfALinearRampIsItsSlope() {
        Latent input = new Latent(1, 6, 6);
        for (int h = 0; h < 6; h++) {
            for (int w = 0; w < 6; w++) {
                input.set(0, h, w, 3f * w + 4f * h);
            }
        }
        Latent out = TestLatents.run("sobel@0", input);
        // Interior: gx = 3, gy = 4 after the 1/8 normalisation, magnitude 5.
        assertEquals(5f, out.get(0, 2, 3), 1e-5);
        assertEquals(5f, out.get(0, 4, 1), 1e-5);
        // Top-left corner, replicated border: half differences, (1.5, 2) -> 2.5.
        assertEquals(2.5f, out.get(0, 0, 0), 1e-5);
    }
}
