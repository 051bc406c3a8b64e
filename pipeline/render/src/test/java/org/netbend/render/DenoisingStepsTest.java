package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.core.Latent;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.schedule.Scheduler;
import org.netbend.render.schedule.SchedulerConfig;

/**
 * The denoising loop's named steps one at a time, on the toy model at 16x16 (a 4x2x2 latent): what each puts
 * where in the U-Net batch, and the guidance arithmetic. FramePinTest checks that together they still make
 * the same pixels.
 */
class DenoisingStepsTest {
    private static final StableDiffusion SD = ToyModels.toy();

    private static DenoisingPlan plan(boolean guided, String... prompts) {
        List<FrameRequest> group = Arrays.stream(prompts).map(p -> FrameRequest.builder(p).negativePrompt("blurry")
                .size(16, 16).steps(10).guidance(guided ? 7.5 : 1).scheduler("ddim").build()).toList();
        return DenoisingPlan.of(group, Scheduler.named("ddim", SchedulerConfig.of(Map.of())), 4, null);
    }

    @Test
    void thePlanRunsTheLastStepsAndDoublesTheBatchForGuidance() {
        DenoisingPlan guided = plan(true, "a", "b");
        assertTrue(guided.guided());
        assertEquals(4, guided.batch());
        assertEquals(10, guided.layers());
        assertEquals(16, guided.plane());
        assertEquals(0, guided.firstStep());
        assertFalse(plan(false, "a", "b").guided());
        assertEquals(2, plan(false, "a", "b").batch());
    }

    @Test
    void encodePromptsPutsTheNegativeRowsFirst() {
        DenoisingPlan plan = plan(true, "a red disc", "a blue sea");
        float[] rows = SD.encodePrompts(plan).floats();
        int size = SD.embedding("").length;
        assertEquals(4 * size, rows.length);
        assertArrayEquals(SD.embedding("blurry"), Arrays.copyOfRange(rows, 0, size));
        assertArrayEquals(SD.embedding("blurry"), Arrays.copyOfRange(rows, size, 2 * size));
        assertArrayEquals(SD.embedding("a red disc"), Arrays.copyOfRange(rows, 2 * size, 3 * size));
        assertArrayEquals(SD.embedding("a blue sea"), Arrays.copyOfRange(rows, 3 * size, 4 * size));
        float[] unguided = SD.encodePrompts(plan(false, "a red disc")).floats();
        assertArrayEquals(SD.embedding("a red disc"), unguided, "without guidance only the prompt's rows");
    }

    @Test
    void prepareLatentsScalesEachFramesNoiseBySchedulersStart() {
        DenoisingPlan plan = plan(true, "a", "b");
        StableDiffusion.StartingLatents start = SD.prepareLatents(plan);
        assertEquals(2, start.latents().length);
        FrameRequest r = plan.group().get(1);
        float[] noise = r.noise().latent(r.seed(), r.frameIndex(), 4, 2, 2).data();
        double scale = plan.scheduler().initialNoiseScale(10);
        for (int i = 0; i < noise.length; i++) {
            assertEquals((float) (noise[i] * scale), start.latents()[1].data()[i], 0f, "element " + i);
        }
    }

    @Test
    void packBatchHoldsEachLatentInBothHalves() {
        DenoisingPlan plan = plan(true, "a", "b");
        Latent first = Latent.wrap(4, 2, 2, filled(16, 1));
        Latent second = Latent.wrap(4, 2, 2, filled(16, 2));
        Tensor text = SD.encodePrompts(plan);
        Map<String, Tensor> feed = SD.packBatch(plan, 3, text, new Latent[] {first, second});
        float[] sample = feed.get("sample").floats();
        assertArrayEquals(new long[] {4, 4, 2, 2}, feed.get("sample").shape());
        for (int row = 0; row < 4; row++) {
            assertEquals(row % 2 == 0 ? 1f : 2f, sample[row * 16], "row " + row);
        }
        assertEquals(plan.timestep(3), feed.get("timestep").longs()[0]);
        assertTrue(feed.get("encoder_hidden_states") == text, "the text goes in as encoded");
        assertNull(feed.get("timestep_cond"), "only an LCM U-Net takes the guidance embedding");
    }

    @Test
    void guideMixesEachFramesTwoRows() {
        DenoisingPlan plan = plan(true, "a", "b");
        float[] out = new float[4 * 16];
        Arrays.fill(out, 0, 16, 1f);   // frame 0 unconditional
        Arrays.fill(out, 16, 32, 2f);  // frame 1 unconditional
        Arrays.fill(out, 32, 48, 3f);  // frame 0 conditional
        Arrays.fill(out, 48, 64, 10f); // frame 1 conditional
        float[] eps = new float[16];
        StableDiffusion.guide(plan, out, 0, eps);
        assertEquals(1f + 7.5f * (3f - 1f), eps[5]);
        StableDiffusion.guide(plan, out, 1, eps);
        assertEquals(2f + 7.5f * (10f - 2f), eps[5]);
        DenoisingPlan unguided = plan(false, "a", "b");
        StableDiffusion.guide(unguided, out, 1, eps);
        assertEquals(2f, eps[5], "without guidance frame 1 is row 1 as it is");
    }

    private static float[] filled(int n, float value) {
        float[] v = new float[n];
        Arrays.fill(v, value);
        return v;
    }
}
