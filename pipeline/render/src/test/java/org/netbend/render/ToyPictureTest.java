package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.core.LatentBender;
import org.netbend.core.RgbImage;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.schedule.NoiseSchedule;
import org.netbend.render.toy.ToyModelGenerator;
import org.netbend.render.toy.ToyModelSpec;

/**
 * What the toy's pictures are made of: a prompt scene with edges, invisible along the decoder's null direction,
 * placed by the low-frequency part of x_T along that direction. Reference values are computed here by brute
 * force (the null vector from the matrix, the cosine-mode projections by plain sums).
 */
class ToyPictureTest {
    private static final ToyModelSpec PURE = ToyModelSpec.DEFAULT.withoutNoiseCoupling();
    private static final int LATENT = 32;

    /** The scene latent for a prompt, from the pure toy's U-Net at x = 0: T = -sqrt(1 - a) eps / sqrt(a). */
    private static float[] target(String prompt) {
        StableDiffusion sd = ToyModels.open(PURE);
        try (OnnxModel unet = OnnxModel.open(ToyModels.folder(PURE).resolve("unet/model.onnx"), "unet",
                RuntimeOptions.cpu().withThreads(1))) {
            int t = 981;
            float[] eps = unet.run(Map.of(
                    "sample", Tensor.floats(new float[4 * LATENT * LATENT], 1, 4, LATENT, LATENT),
                    "timestep", Tensor.longs(new long[] {t}, 1),
                    "encoder_hidden_states", Tensor.floats(sd.embedding(prompt), 1, 77, sd.info().textWidth())),
                    "out_sample").floats();
            double a = NoiseSchedule.stableDiffusionV1().alphaCumprod(t);
            float[] target = new float[eps.length];
            for (int i = 0; i < eps.length; i++) {
                target[i] = (float) (-Math.sqrt(1 - a) * eps[i] / Math.sqrt(a));
            }
            return target;
        }
    }

    /** The unit null vector of the 3x4 latent-to-RGB matrix, by brute force: the 4x4 cofactor expansion. */
    private static double[] nullVector() {
        float[][] m = ToyModelGenerator.LATENT_RGB; // rows: channels, columns: R, G, B
        double[] n = new double[4];
        for (int c = 0; c < 4; c++) {
            // n_c = (-1)^c det of the 3x3 minor without channel c: orthogonal to every column of m
            double[][] minor = new double[3][];
            int r = 0;
            for (int k = 0; k < 4; k++) {
                if (k != c) {
                    minor[r++] = new double[] {m[k][0], m[k][1], m[k][2]};
                }
            }
            double det = minor[0][0] * (minor[1][1] * minor[2][2] - minor[1][2] * minor[2][1])
                    - minor[0][1] * (minor[1][0] * minor[2][2] - minor[1][2] * minor[2][0])
                    + minor[0][2] * (minor[1][0] * minor[2][1] - minor[1][1] * minor[2][0]);
            n[c] = (c % 2 == 0 ? 1 : -1) * det;
        }
        double norm = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2] + n[3] * n[3]);
        for (int c = 0; c < 4; c++) {
            n[c] /= norm;
        }
        return n;
    }

    /** n . x at every cell of a 4 x h x w latent. */
    private static double[] alongNull(float[] x, int h, int w) {
        double[] n = nullVector();
        double[] out = new double[h * w];
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < h * w; i++) {
                out[i] += n[c] * x[c * h * w + i];
            }
        }
        return out;
    }

    /** Coefficients on cos(pi a u) cos(pi b v), 0 <= a, b <= 2 not both 0, by plain sums; unit RMS. */
    private static double[] layoutPattern(float[] x, int h, int w) {
        double[] field = alongNull(x, h, w);
        double[] coefficients = new double[8];
        double rms = 0;
        int k = 0;
        for (int a = 0; a <= 2; a++) {
            for (int b = 0; b <= 2; b++) {
                if (a + b == 0) {
                    continue;
                }
                double dot = 0;
                double energy = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double phi = Math.cos(Math.PI * a * (j + 0.5) / w) * Math.cos(Math.PI * b * (i + 0.5) / h);
                        dot += phi * field[i * w + j];
                        energy += phi * phi;
                    }
                }
                coefficients[k] = dot / energy;
                rms += coefficients[k] * coefficients[k] * energy / (h * w);
                k++;
            }
        }
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] /= Math.sqrt(rms);
        }
        return coefficients;
    }

    @Test
    void theEmptyPromptDrawsNothingSoGuidanceShowsOnlyThePrompt() {
        float[] empty = target("");
        for (float v : empty) {
            assertEquals(0, v, 1e-6, "the unconditional scene is blank");
        }
    }

    @Test
    void theSceneHasNoPartAlongTheDecodersBlindDirection() {
        float[] scene = target("a red sunset over the sea");
        double[] along = alongNull(scene, LATENT, LATENT);
        double rms = Frames.rms(scene, new float[scene.length]);
        assertTrue(rms > 0.05, "the scene has content: rms " + rms);
        for (double v : along) {
            assertEquals(0, v, 1e-5, "no part along n, so the layout reads the noise alone");
        }
    }

    @Test
    void theSceneHasFlatRegionsAndEdgesNotJustAColourField() {
        for (String prompt : List.of("3D mesh geometry", "a photo of a cat", "a red sunset over the sea")) {
            float[] scene = target(prompt);
            double[] rgb = new double[LATENT * LATENT];  // the decoded green channel, the brightest-weighted
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] += ToyModelGenerator.LATENT_RGB[c][1] * scene[c * rgb.length + i];
                }
            }
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double v : rgb) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            int flat = 0;
            int edges = 0;
            int pairs = 0;
            for (int i = 0; i < LATENT; i++) {
                for (int j = 0; j + 1 < LATENT; j++) {
                    double step = Math.abs(rgb[i * LATENT + j + 1] - rgb[i * LATENT + j]) / (max - min);
                    flat += step < 0.03 ? 1 : 0;
                    edges += step > 0.2 ? 1 : 0;
                    pairs++;
                }
            }
            // a smooth field interpolated from a few control points (the old toy) has no jump over 1/8 of its
            // range between neighbours at this size; shapes with soft edges have many
            System.out.printf("%s: %.2f flat, %.3f edge pairs%n", prompt, flat / (double) pairs, edges / (double) pairs);
            assertTrue(flat > 0.5 * pairs, prompt + ": mostly flat regions, " + flat + " of " + pairs);
            assertTrue(edges > 0.005 * pairs, prompt + ": and edges, " + edges + " of " + pairs);
        }
    }

    @Test
    void theLayoutPatternOfXtIsTheSameAtEveryStep() {
        StableDiffusion sd = ToyModels.toy();
        List<double[]> patterns = new ArrayList<>();
        sd.generate(FrameRequest.builder("a photo of a cat").size(8 * LATENT, 8 * LATENT).seed(21)
                .bender((layer, layers, latent) -> patterns.add(layoutPattern(latent.data(), LATENT, LATENT))).build());
        double[] first = patterns.get(0);
        for (int layer = 1; layer < patterns.size(); layer++) {
            double cosine = 0;
            double norm = 0;
            for (int k = 0; k < first.length; k++) {
                cosine += first[k] * patterns.get(layer)[k];
                norm += patterns.get(layer)[k] * patterns.get(layer)[k];
            }
            // unit RMS makes sum c_k^2 * mean(phi_k^2) = 1, not sum c_k^2 = 1: compare directions
            double firstNorm = 0;
            for (double c : first) {
                firstNorm += c * c;
            }
            cosine /= Math.sqrt(norm * firstNorm);
            assertTrue(cosine > 0.9999, "layer " + layer + ": pattern direction cosine " + cosine);
        }
    }

    @Test
    void lowFrequencyNoiseMovesTheShapesFineNoiseDoesNot() {
        StableDiffusion sd = ToyModels.toy();
        double[] n = nullVector();
        int size = 8 * LATENT;
        FrameRequest.Builder base = FrameRequest.builder("a red sunset over the sea").size(size, size).seed(5);
        RgbImage plain = sd.generate(base.build());
        // the same RMS (0.15) along n: a half-cosine across the frame, and a checkerboard
        RgbImage coarse = sd.generate(base.bender(addAlongNullAtLayerZero(n, (i, j) ->
                0.15 * Math.sqrt(2) * Math.cos(Math.PI * (j + 0.5) / LATENT))).build());
        RgbImage fine = sd.generate(base.bender(addAlongNullAtLayerZero(n, (i, j) ->
                0.15 * ((i + j) % 2 == 0 ? 1 : -1))).build());
        double byCoarse = Frames.pixelDifference(plain, coarse);
        double byFine = Frames.pixelDifference(plain, fine);
        System.out.printf("layer-0 change along n: coarse %.2f levels, fine %.3f levels%n", byCoarse, byFine);
        assertTrue(byCoarse > 5, "a low-frequency change of x_T moves the shapes: " + byCoarse);
        assertTrue(byFine < 0.5, "fine noise is denoised away: " + byFine);
    }

    @Test
    void anEarlyRotationMovesTheShapesALateOneRecoloursThemInPlace() {
        StableDiffusion sd = ToyModels.toy();
        int size = 8 * LATENT;
        FrameRequest.Builder base = FrameRequest.builder("3D mesh geometry").size(size, size).seed(3);
        RgbImage plain = sd.generate(base.build());
        RgbImage early = sd.generate(base.bender(rotateChannels12At(0, Math.PI / 2)).build());
        RgbImage late = sd.generate(base.bender(rotateChannels12At(-1, Math.PI / 2)).build());
        double earlyEdges = Frames.edgeCorrelation(plain, early);
        double lateEdges = Frames.edgeCorrelation(plain, late);
        System.out.printf("edge-map correlation with the unbent frame: layer 0 %.3f, final %.3f%n", earlyEdges, lateEdges);
        assertTrue(lateEdges > 0.7, "a final-layer rotation keeps the edges where they were: " + lateEdges);
        assertTrue(earlyEdges < lateEdges - 0.3, "a layer-0 rotation moves them: " + earlyEdges);
    }

    private interface Pattern {
        double at(int row, int column);
    }

    private static LatentBender addAlongNullAtLayerZero(double[] n, Pattern pattern) {
        return (layer, layers, latent) -> {
            if (layer == 0) {
                float[] d = latent.data();
                int h = latent.height();
                int w = latent.width();
                for (int c = 0; c < 4; c++) {
                    for (int i = 0; i < h; i++) {
                        for (int j = 0; j < w; j++) {
                            d[(c * h + i) * w + j] += (float) (n[c] * pattern.at(i, j));
                        }
                    }
                }
            }
        };
    }

    /** The paper's R1 (plane of channels 1 and 2) at one layer (-1 = final). */
    private static LatentBender rotateChannels12At(int atLayer, double angle) {
        return (layer, layers, latent) -> {
            if (layer == (atLayer < 0 ? layers : atLayer)) {
                float[] d = latent.data();
                int plane = latent.height() * latent.width();
                double c = Math.cos(angle);
                double s = Math.sin(angle);
                for (int i = 0; i < plane; i++) {
                    double x1 = d[plane + i];
                    double x2 = d[2 * plane + i];
                    d[plane + i] = (float) (c * x1 - s * x2);
                    d[2 * plane + i] = (float) (s * x1 + c * x2);
                }
            }
        };
    }
}
