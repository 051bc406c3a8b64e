package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.core.RgbImage;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.schedule.NoiseSchedule;
import org.netbend.render.toy.ToyExport;
import org.netbend.render.toy.ToyModelSpec;

/**
 * Few-step and SD 2.x models on toy exports of them: an LCM-distilled SD 1.5 (LCMScheduler config, guidance as
 * a timestep_cond embedding, no CFG), SD-turbo (Euler with trailing spacing, pad "!", 1 to 4 steps, no CFG) and
 * SD 2.x 768 (v-prediction, 1024-wide text). With the toy's pure denoiser ({@code withoutNoiseCoupling}) every
 * step predicts the prompt's target latent T exactly, so each sampler's closed form is known: LCM ends on
 * {@code c_out T + c_skip x} at its last timestep (c_skip below 1e-7), Euler on T itself.
 */
class FewStepModelsTest {
    private static final ToyModelSpec PURE = ToyModelSpec.DEFAULT.withoutNoiseCoupling();
    private static final int SIZE = 64;

    /** T read off the U-Net: at x = 0, eps = -sqrt(a) T / sqrt(1 - a). */
    private static float[] target(ToyExport export, String prompt) {
        StableDiffusion sd = ToyModels.open(PURE, export);
        int lat = SIZE / 8;
        int t = 981;
        try (OnnxModel unet = OnnxModel.open(ToyModels.folder(PURE, export).resolve("unet/model.onnx"), "unet",
                RuntimeOptions.cpu().withThreads(1))) {
            Map<String, Tensor> feed = new LinkedHashMap<>();
            feed.put("sample", Tensor.floats(new float[4 * lat * lat], 1, 4, lat, lat));
            feed.put("timestep", Tensor.longs(new long[] {t}, 1));
            feed.put("encoder_hidden_states", Tensor.floats(sd.embedding(prompt), 1, 77, sd.info().textWidth()));
            if (export.guidanceInput() > 0) {
                feed.put("timestep_cond", Tensor.floats(new float[export.guidanceInput()], 1, export.guidanceInput()));
            }
            float[] eps = unet.run(feed, "out_sample").floats();
            double a = NoiseSchedule.stableDiffusionV1().alphaCumprod(t);
            float[] target = new float[eps.length];
            for (int i = 0; i < eps.length; i++) {
                target[i] = (float) (-Math.sqrt(1 - a) * eps[i] / Math.sqrt(a));
            }
            return target;
        }
    }

    private static float[] finalLatent(ToyExport export, FrameRequest.Builder request) {
        Frames.FinalLatent last = new Frames.FinalLatent();
        ToyModels.open(PURE, export).generate(request.size(SIZE, SIZE).bender(last).build());
        return last.value.data();
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void lcmInFourStepsEndsOnThePromptWithoutCfg() {
        ToyExport lcm = ToyExport.lcm();
        float[] target = target(lcm, "a cat");
        // guidance 8.5 goes into timestep_cond; CFG would add 7.5 x (T_c - T_u) with the negative prompt's T_u
        float[] latent = finalLatent(lcm, FrameRequest.builder("a cat").negativePrompt("blurry").guidance(8.5)
                .scheduler("lcm").steps(4).seed(3));
        assertTrue(maxDifference(target, latent) < 1e-4, "LCM lands on T: " + maxDifference(target, latent));
    }

    @Test
    void turboInOneStepEndsOnThePrompt() {
        ToyExport turbo = ToyExport.turbo();
        float[] target = target(turbo, "a cat");
        for (int steps = 1; steps <= 4; steps++) {
            float[] latent = finalLatent(turbo, FrameRequest.builder("a cat").negativePrompt("blurry").guidance(0)
                    .scheduler("euler").steps(steps).seed(3));
            assertTrue(maxDifference(target, latent) < 1e-4, steps + " steps: " + maxDifference(target, latent));
        }
    }

    @Test
    void fewStepRendersGiveFullColourAtGuidanceOne() {
        // a folded-guidance model draws its scene at full strength without CFG; SD v1's toy needs CFG 7.5 for it
        RgbImage turbo = ToyModels.open(ToyModelSpec.DEFAULT, ToyExport.turbo()).generate(FrameRequest
                .builder("a photo of a cat").guidance(1).scheduler("euler").steps(1).size(SIZE, SIZE).seed(5).build());
        RgbImage v1 = ToyModels.open(ToyModelSpec.DEFAULT, ToyExport.SD_V1).generate(FrameRequest
                .builder("a photo of a cat").guidance(1).steps(1).size(SIZE, SIZE).seed(5).build());
        assertTrue(spread(turbo) > 2 * spread(v1), spread(turbo) + " vs " + spread(v1));
    }

    private static double spread(RgbImage image) {
        byte[] p = image.pixels();
        double sum = 0;
        double sq = 0;
        for (byte b : p) {
            sum += b & 0xff;
            sq += (b & 0xff) * (b & 0xff);
        }
        double mean = sum / p.length;
        return Math.sqrt(sq / p.length - mean * mean);
    }

    @Test
    void bendsAddressFewStepLayersAsAnyOther() {
        for (String scheduler : new String[] {"lcm", "euler"}) {
            ToyExport export = scheduler.equals("lcm") ? ToyExport.lcm() : ToyExport.turbo();
            for (int steps : new int[] {1, 4}) {
                StringBuilder calls = new StringBuilder();
                ToyModels.open(ToyModelSpec.DEFAULT, export).generate(FrameRequest.builder("x").size(SIZE, SIZE)
                        .guidance(1).scheduler(scheduler).steps(steps)
                        .bender((layer, layers, latent) -> calls.append(layer).append('/').append(layers).append(' '))
                        .build());
                StringBuilder expected = new StringBuilder();
                for (int k = 0; k <= steps; k++) {
                    expected.append(k).append('/').append(steps).append(' ');
                }
                assertEquals(expected.toString(), calls.toString(), scheduler + " " + steps);
            }
        }
        // a bend at the last layer (final) of a 1-step render shifts the decoded colours, as with DDIM 50
        RgbImage plain = ToyModels.open(ToyModelSpec.DEFAULT, ToyExport.turbo()).generate(FrameRequest.builder("x")
                .size(SIZE, SIZE).guidance(1).scheduler("euler").steps(1).build());
        RgbImage bent = ToyModels.open(ToyModelSpec.DEFAULT, ToyExport.turbo()).generate(FrameRequest.builder("x")
                .size(SIZE, SIZE).guidance(1).scheduler("euler").steps(1).bender(Frames.addAt(-1, 1f)).build());
        assertTrue(mean(bent, 1) > mean(plain, 1) + 50, "add 1 at final: greener");
    }

    private static double mean(RgbImage image, int channel) {
        byte[] p = image.pixels();
        double sum = 0;
        for (int i = channel; i < p.length; i += 3) {
            sum += p[i] & 0xff;
        }
        return sum / (p.length / 3.0);
    }

    @Test
    void ancestralAndLcmNoiseIsKeyedPerFrame() {
        StableDiffusion sd = ToyModels.open(ToyModelSpec.DEFAULT, ToyExport.lcm());
        FrameRequest frame = FrameRequest.builder("a cat").size(SIZE, SIZE).scheduler("lcm").steps(4).seed(9)
                .frameIndex(7).build();
        RgbImage alone = sd.generate(frame);
        RgbImage inBatch = sd.generateBatch(java.util.List.of(frame.toBuilder().frameIndex(6).build(), frame)).get(1);
        assertArrayEquals(alone.pixels(), inBatch.pixels());
        StableDiffusion v1 = ToyModels.open(ToyModelSpec.DEFAULT, ToyExport.SD_V1);
        FrameRequest ancestral = frame.toBuilder().scheduler("euler-ancestral").steps(10).build();
        assertArrayEquals(v1.generate(ancestral).pixels(), v1.generate(ancestral).pixels());
    }

    @Test
    void sd2VPredictionWith1024WideTextRendersAsItsEpsilonTwin() {
        ToyModelSpec wide = new ToyModelSpec(1024, 4, 1.0, 0.5, 24, 0.05, false, 0, 0);
        ToyExport v = ToyExport.sd2v();
        StableDiffusion sd = ToyModels.open(wide, v);
        assertEquals(1024, sd.info().textWidth());
        FrameRequest frame = FrameRequest.builder("a photo of a cat").size(SIZE, SIZE).steps(20).seed(4).build();
        RgbImage vFrame = sd.generate(frame);
        ToyExport epsilon = v.withVPrediction(false).withScheduler(ToyExport.with(v.scheduler(), "prediction_type", "epsilon"));
        RgbImage epsFrame = ToyModels.open(wide, epsilon).generate(frame);
        int worst = 0;
        for (int i = 0; i < vFrame.pixels().length; i++) {
            worst = Math.max(worst, Math.abs((vFrame.pixels()[i] & 0xff) - (epsFrame.pixels()[i] & 0xff)));
        }
        assertTrue(worst <= 1, "v-prediction and epsilon exports of the same model agree within a level: " + worst);
        FrameRequest img2img = frame.toBuilder().initImage(vFrame).strength(0.5).build();
        assertEquals(SIZE * SIZE * 3, sd.generate(img2img).pixels().length, "img2img through latent_parameters");
    }

    @Test
    void guidanceEmbeddingIsDiffusers() {
        // torch/numpy float32 values of get_guidance_scale_embedding(w = 8.5 - 1, 256), computed outside
        float[] e = GuidanceEmbedding.of(8.5, 256);
        assertEquals(-0.8512359261512756, e[0], 2e-3);
        assertEquals(0.8421311974525452, e[1], 2e-3);
        assertEquals(0.01138801034539938, e[2], 2e-3);
        assertEquals(0.6816387176513672, e[127], 1e-5);
        assertEquals(-0.5247832536697388, e[128], 2e-3);
        assertEquals(0.731688916683197, e[255], 1e-5);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, GuidanceEmbedding.of(1, 8));
    }
}
