package org.netbend.render.schedule;

/**
 * diffusers' {@code DDIMScheduler} for SD v1 with eta 0: "leading" timestep spacing plus {@code steps_offset},
 * {@code set_alpha_to_one = false} (the last step goes to {@code alphas_cumprod[0]}), no clipping. The update
 * is done in float32 operation by operation, in diffusers' order, so given the same alphas_cumprod it rounds as
 * diffusers does on CPU (see NoiseSchedule for how the schedule itself differs by a few ulps):
 * <pre>
 *   x0   = (x - sqrt(1 - a_t) * eps) / sqrt(a_t)
 *   prev = sqrt(a_prev) * x0 + sqrt(1 - a_prev) * eps,   prev timestep = t - trainSteps / steps
 * </pre>
 */
public final class DdimScheduler implements Scheduler {
    private final SchedulerConfig config;
    private final NoiseSchedule schedule;

    public DdimScheduler(SchedulerConfig config) {
        this.config = config;
        this.schedule = NoiseSchedule.of(config);
    }

    public static DdimScheduler stableDiffusionV1() {
        return new DdimScheduler(SchedulerConfig.STABLE_DIFFUSION_V1);
    }

    @Override
    public String name() { return "ddim"; }

    public NoiseSchedule schedule() { return schedule; }

    @Override
    public int[] timesteps(int steps) {
        return leadingTimesteps(steps, config);
    }

    /** {@code arange(steps) * (train // steps)}, reversed, plus {@code steps_offset}. */
    static int[] leadingTimesteps(int steps, SchedulerConfig config) {
        int train = config.trainTimesteps();
        if (steps < 1 || steps > train) {
            throw new IllegalArgumentException("steps must be between 1 and " + train + ", got " + steps);
        }
        int ratio = train / steps;
        int[] t = new int[steps];
        for (int i = 0; i < steps; i++) {
            t[i] = (steps - 1 - i) * ratio + config.stepsOffset();
        }
        if (t[0] >= train) {
            // Leading spacing plus the offset runs past the last training step (diffusers fails the same way).
            throw new IllegalArgumentException("DDIM with leading spacing and steps_offset " + config.stepsOffset()
                    + " supports at most " + (train - config.stepsOffset()) + " steps, got " + steps);
        }
        return t;
    }

    @Override
    public void step(int[] timesteps, int index, int steps, float[] modelOutput, float[] x) {
        int t = timesteps[index];
        int prevT = t - config.trainTimesteps() / steps;
        float alphaProd = alphaAt(t);
        float alphaProdPrev = prevT >= 0 ? alphaAt(prevT) : finalAlpha();
        float sqrtAlpha = (float) Math.sqrt(alphaProd);
        float sqrtBeta = (float) Math.sqrt(1f - alphaProd);
        float sqrtAlphaPrev = (float) Math.sqrt(alphaProdPrev);
        float direction = (float) Math.sqrt(1f - alphaProdPrev);
        boolean vPrediction = config.predictionType().equals("v_prediction");
        for (int i = 0; i < x.length; i++) {
            float sample = x[i];
            float out = modelOutput[i];
            float x0;
            float eps;
            if (vPrediction) {
                x0 = sqrtAlpha * sample - sqrtBeta * out;
                eps = sqrtAlpha * out + sqrtBeta * sample;
            } else {
                x0 = (sample - sqrtBeta * out) / sqrtAlpha;
                eps = out;
            }
            x[i] = sqrtAlphaPrev * x0 + direction * eps;
        }
    }

    @Override
    public void addNoise(float[] x0, float[] noise, int t) {
        addNoise(schedule, x0, noise, t);
    }

    static void addNoise(NoiseSchedule schedule, float[] x0, float[] noise, int t) {
        float a = (float) schedule.alphaCumprod(t);
        float sqrtAlpha = (float) Math.sqrt(a);
        float sqrtBeta = (float) Math.sqrt(1f - a);
        for (int i = 0; i < x0.length; i++) {
            x0[i] = sqrtAlpha * x0[i] + sqrtBeta * noise[i];
        }
    }

    private float alphaAt(int t) {
        return (float) schedule.alphaCumprod(t);
    }

    private float finalAlpha() {
        return config.setAlphaToOne() ? 1f : alphaAt(0);
    }
}
