package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.RgbImage;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.toy.ToyExport;
import org.netbend.render.toy.ToyExport.Timestep;
import org.netbend.render.toy.ToyModelGenerator;
import org.netbend.render.toy.ToyModelSpec;

/** The toy model written as the different exports real models come in: every one renders the same frames. */
class ExportVariantsTest {
    private static final ToyModelSpec SPEC = ToyModelSpec.DEFAULT;
    private static final FrameRequest FRAME = FrameRequest.builder("a photo of a cat").seed(46).size(64, 64)
            .steps(12).build();

    private static RgbImage render(ToyExport export, FrameRequest request) {
        return ToyModels.open(SPEC, export).generate(request);
    }

    @Test
    void everyTimestepShapeGivesTheSameFrames() {
        RgbImage reference = render(ToyExport.SD_V1, FRAME);
        for (Timestep shape : Timestep.values()) {
            ToyExport export = ToyExport.SD_V1.withTimestep(shape);
            assertArrayEquals(reference.pixels(), render(export, FRAME).pixels(), shape + " txt2img with CFG");
            List<RgbImage> batch = ToyModels.open(SPEC, export).generateBatch(List.of(FRAME,
                    FRAME.toBuilder().frameIndex(1).build()));
            assertArrayEquals(reference.pixels(), batch.get(0).pixels(), shape + " in a batch of 2 (4 rows)");
        }
    }

    @Test
    void aPerRowTimestepExportRejectsASingleTimestepForABatch() {
        // the failure real [batch] exports show when fed [1]: the toy's per-row variant fails the same way (with
        // graph optimisations off: ONNX Runtime's reshape rewrites relax the toy's check), so the renders above
        // show that the pipeline feeds what each declaration asks for
        try (OnnxModel unet = OnnxModel.open(ToyModels.folder(SPEC, ToyExport.SD_V1.withTimestep(Timestep.PER_ROW))
                .resolve("unet/model.onnx"), "unet", new RuntimeOptions("cpu", 1, true, "none"))) {
            assertEquals(-1, unet.input("timestep").dim(0));
            java.util.Map<String, Tensor> feed = java.util.Map.of(
                    "sample", Tensor.floats(new float[2 * 4 * 8 * 8], 2, 4, 8, 8),
                    "timestep", Tensor.longs(new long[] {981}, 1),
                    "encoder_hidden_states", Tensor.floats(new float[2 * 77 * 64], 2, 77, 64));
            assertThrows(RenderException.class, () -> unet.run(feed, "out_sample"));
        }
    }

    @Test
    void latentParametersEncodersGiveTheMeanAsLatentSampleEncodersDo() {
        ToyExport parameters = ToyExport.SD_V1.withVaeParameters(true);
        RgbImage init = render(ToyExport.SD_V1, FRAME);
        StableDiffusion legacy = ToyModels.open(SPEC, ToyExport.SD_V1);
        StableDiffusion optimum = ToyModels.open(SPEC, parameters);
        assertArrayEquals(legacy.encode(init).data(), optimum.encode(init).data());
        FrameRequest img2img = FRAME.toBuilder().initImage(init).strength(0.5).build();
        assertArrayEquals(legacy.generate(img2img).pixels(), optimum.generate(img2img).pixels());
    }

    @Test
    void foldersOfOtherPipelinesAreNamedInOneLine(@TempDir Path dir) throws Exception {
        Path sdxl = dir.resolve("sdxl");
        ToyModelGenerator.generate(SPEC, ToyExport.SD_V1.withPipelineClass("ORTStableDiffusionXLPipeline"), sdxl);
        assertOneLine(sdxl, "holds an SDXL pipeline");

        Path sd3 = dir.resolve("sd3");
        Files.createDirectories(sd3);
        Files.writeString(sd3.resolve("model_index.json"), "{\"_class_name\": \"StableDiffusion3Pipeline\"}");
        assertOneLine(sd3, "holds an SD3 pipeline");

        Path controlnet = dir.resolve("controlnet");
        Files.createDirectories(controlnet);
        Files.writeString(controlnet.resolve("config.json"), "{\"_class_name\": \"ControlNetModel\"}");
        assertOneLine(controlnet, "a single ControlNetModel model, not a pipeline");

        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("model_index.json"), "{not json");
        assertOneLine(broken, "model_index.json is not valid JSON");

        Path lcm = dir.resolve("lcm");
        ToyModelGenerator.generate(SPEC, ToyExport.lcm(), lcm);
        ModelLayout.requireComplete(lcm); // an LCM pipeline is Stable Diffusion
    }

    /**
     * diffusers feeds Euler's fractional timesteps (linspace spacing, Karras sigmas) to a float timestep input and
     * truncates them for an int64 one. References worked out independently: linspace(0, 999, 20)'s second
     * noisiest point is 18·999/19 = 17982/19; the Karras value is SamplersTest's mpmath figure.
     */
    @Test
    void eulersFractionalTimestepsReachAFloatInputAndAreTruncatedForAnIntegerOne() {
        var f32 = new org.netbend.render.onnx.TensorSpec("timestep", org.netbend.render.onnx.ElementType.FLOAT32,
                new long[] {-1});
        var i64 = new org.netbend.render.onnx.TensorSpec("timestep", org.netbend.render.onnx.ElementType.INT64,
                new long[] {-1});
        var v1 = org.netbend.render.schedule.SchedulerConfig.STABLE_DIFFUSION_V1;
        var linspace = org.netbend.render.schedule.Scheduler.named("euler", v1);
        assertEquals(17982.0 / 19, linspace.exactTimesteps(20)[1], 1e-9);
        Tensor fractional = UnetTimestep.of(f32, linspace, 20, 1, 2);
        assertArrayEquals(new float[] {(float) (17982.0 / 19), (float) (17982.0 / 19)}, fractional.floats());
        assertArrayEquals(new long[] {946, 946}, UnetTimestep.of(i64, linspace, 20, 1, 2).longs());
        var karras = org.netbend.render.schedule.Scheduler.named("euler", v1.with("use_karras_sigmas", true));
        assertEquals((float) 687.1527460744253, UnetTimestep.of(f32, karras, 4, 1, 1).floats()[0]);
        assertArrayEquals(new long[] {687}, UnetTimestep.of(i64, karras, 4, 1, 1).longs());
        // samplers with integer timesteps feed the same integer to either type
        var ddim = org.netbend.render.schedule.Scheduler.named("ddim", v1);
        assertArrayEquals(new float[] {981f}, UnetTimestep.of(f32, ddim, 50, 0, 1).floats());
        assertArrayEquals(new long[] {981}, UnetTimestep.of(i64, ddim, 50, 0, 1).longs());
    }

    @Test
    void timestepsAreFedInTheDeclaredShape() {
        org.netbend.render.onnx.ElementType i64 = org.netbend.render.onnx.ElementType.INT64;
        Tensor perRow = UnetTimestep.of(new org.netbend.render.onnx.TensorSpec("timestep", i64, new long[] {-1}), 981, 4);
        assertArrayEquals(new long[] {4}, perRow.shape());
        assertArrayEquals(new long[] {981, 981, 981, 981}, perRow.longs());
        Tensor one = UnetTimestep.of(new org.netbend.render.onnx.TensorSpec("timestep", i64, new long[] {1}), 981, 4);
        assertArrayEquals(new long[] {1}, one.shape());
        Tensor scalar = UnetTimestep.of(new org.netbend.render.onnx.TensorSpec("timestep", i64, new long[0]), 981, 4);
        assertArrayEquals(new long[0], scalar.shape());
        assertArrayEquals(new long[] {981}, scalar.longs());
        RenderException e = assertThrows(RenderException.class, () -> UnetTimestep.of(
                new org.netbend.render.onnx.TensorSpec("timestep", i64, new long[] {2}), 981, 4));
        assertTrue(e.getMessage().contains("fits neither"), e.getMessage());
    }

    private static void assertOneLine(Path dir, String expected) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> StableDiffusion.open(dir, RuntimeOptions.cpu().withThreads(1)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(expected.contains("JSON") || e.getMessage().contains("netbend renders Stable Diffusion 1.x and 2.x"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
