package org.netbend.render;

import org.netbend.core.KeyedRandom;
import org.netbend.render.schedule.Scheduler;

/**
 * The fresh noise ancestral and LCM samplers add at each step, keyed by (job seed, frame, step) like every
 * other draw, so a frame re-rendered anywhere gets the same noise.
 */
final class SamplerNoise {
    private SamplerNoise() { }

    static Scheduler.StepNoise of(FrameRequest request, int size) {
        return step -> KeyedRandom.of(request.seed(), request.frameIndex(), "sampler-step-" + step)
                .fillGaussian(new float[size]);
    }

    /** Multiplies in place; a scale of exactly 1 leaves the noise untouched (DDIM's frames stay bit-identical). */
    static void scale(float[] noise, double scale) {
        if (scale == 1) {
            return;
        }
        float s = (float) scale;
        for (int i = 0; i < noise.length; i++) {
            noise[i] *= s;
        }
    }
}
