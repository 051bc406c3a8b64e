package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netbend.core.KeyedRandom;
import org.netbend.core.Latent;

/** Model sources, prompt timelines, noise walks and embedding blends. */
class ValuesTest {

    @Test
    void modelSourcesParse() {
        assertTrue(ModelSource.parse("toy").isToy());
        ModelSource hf = ModelSource.parse("hf:CompVis/stable-diffusion-v1-4@onnx");
        assertEquals(ModelSource.Kind.HUGGING_FACE, hf.kind());
        assertEquals("CompVis/stable-diffusion-v1-4", hf.repository());
        assertEquals("onnx", hf.revision());
        assertEquals("main", ModelSource.parse("hf:a/b").revision());
        ModelSource folder = ModelSource.parse("/models/sd14");
        assertEquals(ModelSource.Kind.FOLDER, folder.kind());
        assertEquals("/models/sd14", folder.folder());
        IllegalArgumentException noOwner = assertThrows(IllegalArgumentException.class, () -> ModelSource.parse("hf:sd"));
        assertTrue(noOwner.getMessage().contains("OWNER/NAME"), noOwner.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelSource.parse("hf:a/b@"));
        assertThrows(IllegalArgumentException.class, () -> ModelSource.parse("hf:../x/y"));
        assertThrows(IllegalArgumentException.class, () -> ModelSource.parse("  "));
    }

    @Test
    void timelinesBlendBetweenNeighbours() {
        PromptTimeline timeline = PromptTimeline.of(List.of(new TimedPrompt(10, "b"), new TimedPrompt(0, "a"),
                new TimedPrompt(20, "c")), Interpolation.SLERP);
        assertEquals(PromptMix.of("a"), timeline.at(0));
        assertEquals(new PromptMix("a", "b", 0.25, Interpolation.SLERP), timeline.at(2.5));
        assertEquals(new PromptMix("b", "c", 0.5, Interpolation.SLERP), timeline.at(15));
        assertEquals(PromptMix.of("c"), timeline.at(99));
        assertThrows(IllegalArgumentException.class, () -> PromptTimeline.of(List.of(), Interpolation.LINEAR));
        assertThrows(IllegalArgumentException.class, () -> PromptTimeline.of(
                List.of(new TimedPrompt(1, "a"), new TimedPrompt(1, "b")), Interpolation.LINEAR));
    }

    @Test
    void slerpOfOrthogonalUnitVectorsStaysOnTheCircle() {
        float[] mid = EmbeddingBlend.blend(new float[] {1, 0}, new float[] {0, 1}, 0.5, Interpolation.SLERP);
        assertEquals(Math.sqrt(0.5), mid[0], 1e-6);
        assertEquals(Math.sqrt(0.5), mid[1], 1e-6);
        float[] lin = EmbeddingBlend.blend(new float[] {1, 0}, new float[] {0, 1}, 0.5, Interpolation.LINEAR);
        assertArrayEquals(new float[] {0.5f, 0.5f}, lin);
        float[] third = EmbeddingBlend.blend(new float[] {2, 0}, new float[] {0, 2}, 1 / 3.0, Interpolation.SLERP);
        assertEquals(2 * Math.cos(Math.PI / 6), third[0], 1e-5); // 30 degrees along the quarter circle
    }

    @Test
    void paperWalkIsASinCosBlendOfTwoKeyedTensors() {
        Latent a = KeyedRandom.of(7, 0, "walk-a").gaussianLatent(4, 8, 8);
        Latent b = KeyedRandom.of(7, 0, "walk-b").gaussianLatent(4, 8, 8);
        InitialNoise walk = InitialNoise.paperWalk(12);
        Latent frame3 = walk.latent(7, 3, 4, 8, 8); // angle pi/2: all A
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.data()[i], frame3.data()[i], 1e-6);
        }
        Latent frame0 = walk.latent(7, 0, 4, 8, 8); // angle 0: all B
        assertArrayEquals(b.data(), frame0.data());
        assertArrayEquals(frame0.data(), walk.latent(7, 12, 4, 8, 8).data(), 1e-5f);
    }

    @Test
    void codeWalkAddsAWeightedCircleToABase() {
        Latent base = KeyedRandom.of(7, 0, "walk-base").gaussianLatent(4, 8, 8);
        Latent a = KeyedRandom.of(7, 0, "walk-a").gaussianLatent(4, 8, 8);
        Latent b = KeyedRandom.of(7, 0, "walk-b").gaussianLatent(4, 8, 8);
        InitialNoise walk = InitialNoise.codeWalk(0.2 * Math.PI, 0.3, 100);
        Latent frame50 = walk.latent(7, 50, 4, 8, 8);
        double phi = 0.2 * Math.PI * 50 / 100;
        for (int i = 0; i < base.size(); i++) {
            double expected = base.data()[i] + 0.3 * (Math.cos(phi) * a.data()[i] + Math.sin(phi) * b.data()[i]);
            assertEquals(expected, frame50.data()[i], 1e-5);
        }
    }

    @Test
    void independentNoiseIsKeyedByFrame() {
        InitialNoise noise = InitialNoise.independent();
        assertArrayEquals(noise.latent(1, 5, 4, 8, 8).data(), KeyedRandom.of(1, 5, "noise").gaussianLatent(4, 8, 8).data());
        assertTrue(Frames.rms(noise.latent(1, 5, 4, 8, 8).data(), noise.latent(1, 6, 4, 8, 8).data()) > 1);
    }

    @Test
    void runtimeOptionsValidate() {
        assertEquals(3, new RuntimeOptions("CUDA:3", 0, true, "ALL").cudaDeviceId());
        assertThrows(IllegalArgumentException.class, () -> new RuntimeOptions("tpu", 0, true, "all"));
        assertThrows(IllegalArgumentException.class, () -> new RuntimeOptions("cpu", -1, true, "all"));
        assertThrows(IllegalArgumentException.class, () -> new RuntimeOptions("cpu", 1, true, "max"));
    }
}
