package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.core.Latent;
import org.netbend.core.RgbImage;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.schedule.NoiseSchedule;
import org.netbend.render.toy.ToyModelSpec;

/**
 * The sampler on the toy model, checked against closed forms. For the toy without noise coupling the U-Net
 * returns eps = (x - sqrt(a) T) / sqrt(1 - a) for a fixed target T, so DDIM keeps eps constant and ends at
 * sqrt(a_0) T + sqrt(1 - a_0) eps exactly (a_0 = alphas_cumprod[0], set_alpha_to_one false), and Euler ends at
 * T itself. Classifier-free guidance with both halves on the same x gives the same form with
 * T_g = T_u + g (T_c - T_u).
 */
class ToyDiffusionTest {
    private static final ToyModelSpec PURE = ToyModelSpec.DEFAULT.withoutNoiseCoupling();
    private static final NoiseSchedule SCHEDULE = NoiseSchedule.stableDiffusionV1();
    private static final int SIZE = 128;
    private static final int LATENT = SIZE / 8;

    /** The model's target latent for a prompt, read off the U-Net: x = 0 gives T = -sqrt(1 - a) eps / sqrt(a). */
    private static float[] target(StableDiffusion sd, OnnxModel unet, String prompt) {
        float[] text = sd.embedding(prompt);
        int t = 981;
        float[] eps = unet.run(Map.of(
                "sample", Tensor.floats(new float[4 * LATENT * LATENT], 1, 4, LATENT, LATENT),
                "timestep", Tensor.longs(new long[] {t}, 1),
                "encoder_hidden_states", Tensor.floats(text, 1, 77, sd.info().textWidth())), "out_sample").floats();
        double a = SCHEDULE.alphaCumprod(t);
        float[] target = new float[eps.length];
        for (int i = 0; i < eps.length; i++) {
            target[i] = (float) (-Math.sqrt(1 - a) * eps[i] / Math.sqrt(a));
        }
        return target;
    }

    private static float[] guidedTarget(StableDiffusion sd, OnnxModel unet, String prompt, String negative, double g) {
        float[] c = target(sd, unet, prompt);
        float[] u = target(sd, unet, negative);
        float[] out = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = (float) (u[i] + g * (c[i] - u[i]));
        }
        return out;
    }

    @Test
    void ddimWithoutBendsReachesTheTargetLatent() {
        StableDiffusion sd = ToyModels.open(PURE);
        try (OnnxModel unet = OnnxModel.open(ToyModels.folder(PURE).resolve("unet/model.onnx"), "unet",
                RuntimeOptions.cpu().withThreads(1))) {
            float[] target = guidedTarget(sd, unet, "a photo of a cat", "", 7.5);
            Frames.FinalLatent last = new Frames.FinalLatent();
            FrameRequest request = FrameRequest.builder("a photo of a cat").size(SIZE, SIZE).seed(3).bender(last).build();
            sd.generate(request);

            float[] noise = request.noise().latent(3, 0, 4, LATENT, LATENT).data();
            double aT = SCHEDULE.alphaCumprod(981);
            double a0 = SCHEDULE.alphaCumprod(0);
            float[] expected = new float[target.length];
            for (int i = 0; i < target.length; i++) {
                double eps = (noise[i] - Math.sqrt(aT) * target[i]) / Math.sqrt(1 - aT);
                expected[i] = (float) (Math.sqrt(a0) * target[i] + Math.sqrt(1 - a0) * eps);
            }
            // closed form to float32 rounding over 50 steps
            assertTrue(Frames.maxAbs(expected, last.value.data()) < 2e-4, "max error "
                    + Frames.maxAbs(expected, last.value.data()));
            // and the target itself to within the last step's noise share sqrt(1 - a_0) = 0.029 per unit of eps
            double rms = Frames.rms(target, last.value.data());
            assertTrue(rms < 0.035, "rms distance to the target " + rms);
        }
    }

    @Test
    void eulerWithoutBendsEndsOnTheTarget() {
        StableDiffusion sd = ToyModels.open(PURE);
        try (OnnxModel unet = OnnxModel.open(ToyModels.folder(PURE).resolve("unet/model.onnx"), "unet",
                RuntimeOptions.cpu().withThreads(1))) {
            float[] target = guidedTarget(sd, unet, "a dog", "blurry", 5);
            Frames.FinalLatent last = new Frames.FinalLatent();
            sd.generate(FrameRequest.builder("a dog").negativePrompt("blurry").guidance(5).scheduler("euler")
                    .steps(20).size(SIZE, SIZE).seed(8).bender(last).build());
            assertTrue(Frames.maxAbs(target, last.value.data()) < 1e-4,
                    "max error " + Frames.maxAbs(target, last.value.data()));
        }
    }

    @Test
    void bothGuidanceHalvesSeeTheBentLatent() {
        // a bend at layer k: from there on eps is constant again, computed from the bent x_k, which only holds
        // if the unconditional and conditional halves both got the bent latent
        StableDiffusion sd = ToyModels.open(PURE);
        try (OnnxModel unet = OnnxModel.open(ToyModels.folder(PURE).resolve("unet/model.onnx"), "unet",
                RuntimeOptions.cpu().withThreads(1))) {
            float[] target = guidedTarget(sd, unet, "a cat", "", 7.5);
            int k = 30;
            float[][] bent = new float[1][];
            Frames.FinalLatent last = new Frames.FinalLatent();
            org.netbend.core.LatentBender record = (layer, layers, latent) -> {
                if (layer == k) {
                    bent[0] = latent.data().clone();
                }
            };
            sd.generate(FrameRequest.builder("a cat").size(SIZE, SIZE).seed(5)
                    .bender(Frames.chain(Frames.chain(Frames.addAt(k, 0.7f), record), last)).build());
            int t = 981 - 20 * k;
            double a = SCHEDULE.alphaCumprod(t);
            double a0 = SCHEDULE.alphaCumprod(0);
            float[] expected = new float[target.length];
            for (int i = 0; i < target.length; i++) {
                double eps = (bent[0][i] - Math.sqrt(a) * target[i]) / Math.sqrt(1 - a);
                expected[i] = (float) (Math.sqrt(a0) * target[i] + Math.sqrt(1 - a0) * eps);
            }
            assertTrue(Frames.maxAbs(expected, last.value.data()) < 2e-4,
                    "max error " + Frames.maxAbs(expected, last.value.data()));
        }
    }

    @Test
    void aBendAtLayerZeroIsPartlyUndoneAndAtFinalIsNot() {
        StableDiffusion sd = ToyModels.toy();
        FrameRequest.Builder base = FrameRequest.builder("a photo of a cat").size(SIZE, SIZE).seed(11);
        Frames.FinalLatent plain = new Frames.FinalLatent();
        Frames.FinalLatent early = new Frames.FinalLatent();
        Frames.FinalLatent late = new Frames.FinalLatent();
        sd.generate(base.bender(plain).build());
        sd.generate(base.bender(Frames.chain(Frames.addAt(0, 1f), early)).build());
        sd.generate(base.bender(Frames.chain(Frames.addAt(-1, 1f), late)).build());
        double earlyShift = Frames.mean(early.value.data()) - Frames.mean(plain.value.data());
        double lateShift = Frames.mean(late.value.data()) - Frames.mean(plain.value.data());
        assertEquals(1.0, lateShift, 1e-5, "a final-layer add survives whole");
        // the toy's DC gain is 0.5: an add to x_T ends up about half as large (measured 0.49)
        assertTrue(earlyShift > 0.3 && earlyShift < 0.7, "layer-0 shift " + earlyShift);
        System.out.printf("measured: layer-0 add of 1 shifts the final latent by %.4f, final add by %.4f%n",
                earlyShift, lateShift);
    }

    @Test
    void addingTurnsImagesGreenerAndSubtractingMorePurple() {
        StableDiffusion sd = ToyModels.toy();
        FrameRequest.Builder base = FrameRequest.builder("a landscape").size(SIZE, SIZE).seed(2);
        RgbImage plain = sd.generate(base.build());
        RgbImage added = sd.generate(base.bender(Frames.addAt(-1, 1.5f)).build());
        RgbImage subtracted = sd.generate(base.bender(Frames.addAt(-1, -1.5f)).build());
        double[] up = new double[3];
        double[] down = new double[3];
        for (int c = 0; c < 3; c++) {
            up[c] = Frames.channelMean(added, c) - Frames.channelMean(plain, c);
            down[c] = Frames.channelMean(subtracted, c) - Frames.channelMean(plain, c);
        }
        assertTrue(up[1] > up[0] + 10 && up[1] > up[2] + 10, "green rises most: " + java.util.Arrays.toString(up));
        assertTrue(down[1] < down[0] - 10 && down[1] < down[2] - 10,
                "green falls most, leaving red + blue (purple): " + java.util.Arrays.toString(down));
    }

    @Test
    void sameRequestSameBytesAndDifferentPromptsDiffer() {
        StableDiffusion sd = ToyModels.toy();
        RgbImage a = sd.generate(FrameRequest.builder("a photo of a cat").size(SIZE, SIZE).seed(1).build());
        RgbImage again = sd.generate(FrameRequest.builder("a photo of a cat").size(SIZE, SIZE).seed(1).build());
        RgbImage other = sd.generate(FrameRequest.builder("an oil painting of the sea").size(SIZE, SIZE).seed(1).build());
        RgbImage otherSeed = sd.generate(FrameRequest.builder("a photo of a cat").size(SIZE, SIZE).seed(2).build());
        assertArrayEquals(a.pixels(), again.pixels());
        double byPrompt = Frames.pixelDifference(a, other);
        double bySeed = Frames.pixelDifference(a, otherSeed);
        assertTrue(byPrompt > 15, "different prompts differ visibly: " + byPrompt);
        assertTrue(bySeed > 3, "the initial noise changes the composition: " + bySeed);
    }

    @Test
    void thePictureDependsSmoothlyOnTheNoiseWalk() {
        StableDiffusion sd = ToyModels.toy();
        FrameRequest.Builder base = FrameRequest.builder("a city at night").size(SIZE, SIZE).seed(4)
                .noise(InitialNoise.paperWalk(100)).steps(20);
        RgbImage f0 = sd.generate(base.frameIndex(0).build());
        RgbImage f1 = sd.generate(base.frameIndex(1).build());
        RgbImage f25 = sd.generate(base.frameIndex(25).build());
        RgbImage f100 = sd.generate(base.frameIndex(100).build());
        double near = Frames.pixelDifference(f0, f1);
        double far = Frames.pixelDifference(f0, f25);
        assertTrue(near < far / 5, "neighbouring frames " + near + " vs a quarter cycle apart " + far);
        assertTrue(far > 3, "a quarter cycle changes the picture: " + far);
        assertTrue(Frames.pixelDifference(f0, f100) < 0.5, "a full cycle returns to the start");
    }

    @Test
    void benderSeesEveryLayerOnceWithTheStepsRun() {
        StableDiffusion sd = ToyModels.toy();
        StringBuilder calls = new StringBuilder();
        sd.generate(FrameRequest.builder("x").size(64, 64).steps(4).bender((layer, layers, latent) ->
                calls.append(layer).append('/').append(layers).append(' ')).build());
        assertEquals("0/4 1/4 2/4 3/4 4/4 ", calls.toString());
        calls.setLength(0);
        RgbImage init = sd.generate(FrameRequest.builder("y").size(64, 64).steps(4).build());
        sd.generate(FrameRequest.builder("x").size(64, 64).steps(10).initImage(init).strength(0.35)
                .bender((layer, layers, latent) -> calls.append(layer).append('/').append(layers).append(' ')).build());
        assertEquals("0/3 1/3 2/3 3/3 ", calls.toString(), "img2img at 0.35 runs int(3.5) = 3 steps");
    }

    @Test
    void latentShapeFollowsTheRequest() {
        StableDiffusion sd = ToyModels.toy();
        Latent[] seen = new Latent[1];
        RgbImage image = sd.generate(FrameRequest.builder("x").size(96, 64).steps(2)
                .bender((layer, layers, latent) -> seen[0] = latent).build());
        assertEquals("4x8x12", seen[0].shapeString());
        assertEquals(96, image.width());
        assertEquals(64, image.height());
    }
}
