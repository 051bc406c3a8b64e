package org.netbend.render;

import org.netbend.core.LatentBender;
import org.netbend.core.RgbImage;

/**
 * Everything that determines one frame. All fields are plain values except the bender and the init image.
 *
 * @param prompt         the frame's prompt (or blend of two)
 * @param negativePrompt the classifier-free-guidance "unconditional" prompt; "" by default
 * @param steps          nominal sampler steps (img2img runs {@code int(strength * steps)} of them)
 * @param guidance       CFG scale; at 1 or below the unconditional pass is skipped, as in diffusers
 * @param seed           the job seed, keyed with {@code frameIndex} for all randomness
 * @param frameIndex     the frame's index in the job
 * @param width          image width in pixels (a multiple of 8)
 * @param height         image height in pixels (a multiple of 8)
 * @param noise          where x_T (and img2img's added noise) comes from
 * @param bender         the bend hook; {@link LatentBender#NONE} for none
 * @param initImage      img2img input (an init image or the previous frame); null for txt2img
 * @param strength       img2img strength in 0..1 (ignored for txt2img)
 * @param scheduler      one of {@link org.netbend.render.schedule.Scheduler#NAMES}, "ddim" by default
 */
public record FrameRequest(PromptMix prompt, String negativePrompt, int steps, double guidance, long seed,
        int frameIndex, int width, int height, InitialNoise noise, LatentBender bender, RgbImage initImage,
        double strength, String scheduler) {

    public static final int DEFAULT_STEPS = 50;
    public static final double DEFAULT_GUIDANCE = 7.5;
    public static final double DEFAULT_STRENGTH = 0.5;
    public static final String DEFAULT_SCHEDULER = "ddim";

    public FrameRequest {
        if (prompt == null) {
            throw new IllegalArgumentException("a frame needs a prompt");
        }
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        if (steps < 1 || steps > 1000) {
            throw new IllegalArgumentException("steps must be between 1 and 1000, got " + steps);
        }
        if (!Double.isFinite(guidance) || guidance < 0) {
            throw new IllegalArgumentException("guidance must be a finite number >= 0, got " + guidance);
        }
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + frameIndex);
        }
        if (width <= 0 || height <= 0 || width % 8 != 0 || height % 8 != 0) {
            throw new IllegalArgumentException("image size must be positive multiples of 8, got " + width + "x" + height);
        }
        noise = noise == null ? InitialNoise.independent() : noise;
        bender = bender == null ? LatentBender.NONE : bender;
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("img2img strength must be in 0..1, got " + strength);
        }
        if (initImage != null && (initImage.width() != width || initImage.height() != height)) {
            throw new IllegalArgumentException("init image is " + initImage.width() + "x" + initImage.height()
                    + " but the frame is " + width + "x" + height);
        }
        if (scheduler == null || scheduler.isBlank()) {
            throw new IllegalArgumentException("scheduler must be named (one of "
                    + org.netbend.render.schedule.Scheduler.NAMES + ")");
        }
    }

    public static Builder builder(String prompt) {
        return new Builder(PromptMix.of(prompt));
    }

    public static Builder builder(PromptMix prompt) {
        return new Builder(prompt);
    }

    public boolean isImg2Img() { return initImage != null; }

    /** Steps actually run: all of them for txt2img, {@code int(strength * steps)} for img2img. */
    public int stepsToRun() {
        return isImg2Img() ? (int) (strength * steps) : steps;
    }

    public boolean usesGuidance() { return guidance > 1; }

    public Builder toBuilder() {
        return new Builder(prompt).negativePrompt(negativePrompt).steps(steps).guidance(guidance).seed(seed)
                .frameIndex(frameIndex).size(width, height).noise(noise).bender(bender).initImage(initImage)
                .strength(strength).scheduler(scheduler);
    }

    /** Defaults: 50 steps, guidance 7.5, ddim, 512x512, independent noise, no bend, txt2img, strength 0.5. */
    public static final class Builder {
        private PromptMix prompt;
        private String negativePrompt = "";
        private int steps = DEFAULT_STEPS;
        private double guidance = DEFAULT_GUIDANCE;
        private long seed;
        private int frameIndex;
        private int width = 512;
        private int height = 512;
        private InitialNoise noise = InitialNoise.independent();
        private LatentBender bender = LatentBender.NONE;
        private RgbImage initImage;
        private double strength = DEFAULT_STRENGTH;
        private String scheduler = DEFAULT_SCHEDULER;

        private Builder(PromptMix prompt) { this.prompt = prompt; }

        public Builder prompt(PromptMix value) { prompt = value; return this; }

        public Builder negativePrompt(String value) { negativePrompt = value; return this; }

        public Builder steps(int value) { steps = value; return this; }

        public Builder guidance(double value) { guidance = value; return this; }

        public Builder seed(long value) { seed = value; return this; }

        public Builder frameIndex(int value) { frameIndex = value; return this; }

        public Builder size(int w, int h) { width = w; height = h; return this; }

        public Builder noise(InitialNoise value) { noise = value; return this; }

        public Builder bender(LatentBender value) { bender = value; return this; }

        public Builder initImage(RgbImage value) { initImage = value; return this; }

        public Builder strength(double value) { strength = value; return this; }

        public Builder scheduler(String value) { scheduler = value; return this; }

        public FrameRequest build() {
            return new FrameRequest(prompt, negativePrompt, steps, guidance, seed, frameIndex, width, height, noise,
                    bender, initImage, strength, scheduler);
        }
    }
}
