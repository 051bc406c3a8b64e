package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netbend.bend.BendProgram;
import org.netbend.core.RgbImage;
import org.netbend.render.toy.ToyExport;
import org.netbend.render.toy.ToyModelSpec;

/**
 * Pins the toy model's pixels for each path through the denoising loop (CFG, batches, every sampler family,
 * img2img, the guidance embedding, no-CFG turbo, site bends, prompt mixes), recorded before
 * {@code StableDiffusion.renderGroup} was split into named steps: a refactor of the loop must leave every pixel
 * as it was. A change that is meant to change frames must say so and re-record these.
 */
class FramePinTest {
    private static final int SIZE = 64;

    private static FrameRequest.Builder base(String scheduler, int steps) {
        return FrameRequest.builder("3d mesh geometry").negativePrompt("blurry").seed(46).frameIndex(3)
                .size(SIZE, SIZE).scheduler(scheduler).steps(steps);
    }

    /** SHA-256 over the frames' sizes and pixels, in order. */
    private static String digest(List<RgbImage> frames) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RgbImage frame : frames) {
                sha.update((frame.width() + "x" + frame.height()).getBytes(StandardCharsets.US_ASCII));
                sha.update(frame.pixels());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void ddimWithGuidanceAndALatentBend() {
        RgbImage frame = ToyModels.toy().generate(base("ddim", 10).guidance(7.5)
                .noise(InitialNoise.codeWalk(0.2 * Math.PI, 0.3, 40)).bender(Frames.addAt(4, 0.3f)).build());
        assertEquals("faba413d36e9a1b882646f472b670b40", digest(List.of(frame)));
    }

    @Test
    void aBatchOfThreeAncestralFrames() {
        List<FrameRequest> batch = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            batch.add(base("euler-ancestral", 6).frameIndex(f).noise(InitialNoise.paperWalk(20)).build());
        }
        assertEquals("8125b585d0d089b913e80db6290eee77", digest(ToyModels.toy().generateBatch(batch)));
    }

    @Test
    void dpmSolverKarrasAndAPromptMix() {
        RgbImage frame = ToyModels.toy().generate(base("dpm++2m-karras", 8)
                .prompt(new PromptMix("a red disc", "a blue sea", 0.4, Interpolation.SLERP)).build());
        assertEquals("89d78fa620a65af11d974e7ac32d10e5", digest(List.of(frame)));
    }

    @Test
    void anImg2imgChainOfThreeFrames() {
        StableDiffusion sd = ToyModels.toy();
        RgbImage first = sd.generate(base("ddim", 10).build());
        RgbImage second = sd.generate(base("ddim", 10).frameIndex(4).initImage(first).strength(0.5).build());
        RgbImage third = sd.generate(base("euler", 10).frameIndex(5).initImage(second).strength(0.3).build());
        assertEquals("19cf0d7b83cde9c15f980c400ef008ec", digest(List.of(first, second, third)));
    }

    @Test
    void lcmWithTheGuidanceEmbedding() {
        RgbImage frame = ToyModels.open(ToyModelSpec.DEFAULT, ToyExport.lcm())
                .generate(base("lcm", 4).guidance(8.5).build());
        assertEquals("47b06109452c14285468517a38c3936f", digest(List.of(frame)));
    }

    @Test
    void turboInOneStepWithoutGuidance() {
        StableDiffusion turbo = ToyModels.open(ToyModelSpec.DEFAULT, ToyExport.turbo());
        List<FrameRequest> batch = List.of(base("euler", 1).guidance(0).build(),
                base("euler", 1).guidance(0).frameIndex(9).build());
        assertEquals("10c8045cf4e6fe5cd7540c34abf3a228", digest(turbo.generateBatch(batch)));
    }

    @Test
    void siteBendsAtSomeSteps() {
        BendProgram program = BendProgram.parse("multiply@2-5/mid=1.5");
        BendProgram threshold = BendProgram.parse("threshold@every/up.2=0.2");
        StableDiffusion sd = ToyModels.toy();
        RgbImage multiplied = sd.generate(base("ddim", 8)
                .bender(program.forFrame(46, 3, program.constantParameters())).build());
        RgbImage thresholded = sd.generate(base("ddim", 8)
                .bender(threshold.forFrame(46, 3, threshold.constantParameters())).build());
        assertEquals("f5b28f367c511279cf888e13e910ae39", digest(List.of(multiplied, thresholded)));
    }
}
