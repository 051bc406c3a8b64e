package org.netbend.render.schedule;

/**
 * diffusers' {@code DDIMScheduler} with eta 0, the paper's sampler and netbend's default. Config fields honoured:
 * {@code beta_*}, {@code trained_betas}, {@code num_train_timesteps}, {@code timestep_spacing} (leading by
 * default, trailing, linspace), {@code steps_offset}, {@code set_alpha_to_one}, {@code prediction_type}
 * (epsilon, v_prediction, sample), {@code clip_sample} with {@code clip_sample_range}. The update is done in
 * float32 operation by operation, in diffusers' order, so given the same alphas_cumprod it rounds as diffusers
 * does on CPU (see NoiseSchedule for how the schedule itself differs by a few ulps):
 * <pre>
 *   x0   = (x - sqrt(1 - a_t) * eps) / sqrt(a_t)
 *   prev = sqrt(a_prev) * x0 + sqrt(1 - a_prev) * eps,   prev timestep = t - trainSteps / steps
 * </pre>
 */
public final class DdimScheduler implements Scheduler {
    private final NoiseSchedule schedule;
    private final int train;
    private final String spacing;
    private final int stepsOffset;
    private final boolean setAlphaToOne;
    private final Prediction prediction;
    private final boolean clipSample;
    private final float clipRange;

    public DdimScheduler(SchedulerConfig config) {
        this.schedule = NoiseSchedule.of(config, NoiseSchedule.DIFFUSERS, "ddim");
        this.train = schedule.trainTimesteps();
        this.spacing = config.choice("ddim", "timestep_spacing", "leading", "leading", "trailing", "linspace");
        this.stepsOffset = config.integer("steps_offset", 0);
        this.setAlphaToOne = config.flag("set_alpha_to_one", true);
        this.prediction = Prediction.of(config, "ddim", true);
        this.clipSample = config.flag("clip_sample", true);
        this.clipRange = (float) config.number("clip_sample_range", 1.0);
        config.requireOff("ddim", "thresholding");
        config.requireAbsentOr("ddim", "timestep_type", "discrete");
    }

    public static DdimScheduler stableDiffusionV1() {
        return new DdimScheduler(SchedulerConfig.STABLE_DIFFUSION_V1);
    }

    @Override
    public String name() { return "ddim"; }

    public NoiseSchedule schedule() { return schedule; }

    @Override
    public int[] timesteps(int steps) {
        TimestepSpacing.requireSteps(steps, train);
        double[] t = switch (spacing) {
            case "leading" -> TimestepSpacing.leading(steps, train, stepsOffset);
            case "trailing" -> TimestepSpacing.trailing(steps, train);
            default -> TimestepSpacing.rounded(TimestepSpacing.linspace(steps, train));
        };
        if (t[0] >= train) {
            // leading spacing plus the offset runs past the last training step (diffusers fails the same way)
            throw new IllegalArgumentException("DDIM with leading spacing and steps_offset " + stepsOffset
                    + " supports at most " + (train - stepsOffset) + " steps, got " + steps);
        }
        return TimestepSpacing.toInts(t);
    }

    @Override
    public Run start(int steps, int first) {
        return new TimestepRun(schedule, timesteps(steps), first) {
            @Override
            public void step(int k, float[] modelOutput, float[] x, StepNoise noise) {
                DdimScheduler.this.step(timesteps, first + k, steps, modelOutput, x);
            }
        };
    }

    /** One DDIM update of {@code x} entering position {@code index} of {@code timesteps}. */
    public void step(int[] timesteps, int index, int steps, float[] modelOutput, float[] x) {
        int t = timesteps[index];
        int prevT = t - train / steps;
        float alphaProd = alphaAt(t);
        float alphaProdPrev = prevT >= 0 ? alphaAt(prevT) : finalAlpha();
        float sqrtAlpha = (float) Math.sqrt(alphaProd);
        float sqrtBeta = (float) Math.sqrt(1f - alphaProd);
        float sqrtAlphaPrev = (float) Math.sqrt(alphaProdPrev);
        float direction = (float) Math.sqrt(1f - alphaProdPrev);
        for (int i = 0; i < x.length; i++) {
            float sample = x[i];
            float out = modelOutput[i];
            float x0;
            float eps;
            switch (prediction) {
                case V_PREDICTION -> {
                    x0 = sqrtAlpha * sample - sqrtBeta * out;
                    eps = sqrtAlpha * out + sqrtBeta * sample;
                }
                case SAMPLE -> {
                    x0 = out;
                    eps = (sample - sqrtAlpha * x0) / sqrtBeta;
                }
                default -> {
                    x0 = (sample - sqrtBeta * out) / sqrtAlpha;
                    eps = out;
                }
            }
            if (clipSample) {
                x0 = Math.max(-clipRange, Math.min(clipRange, x0)); // eps is not recomputed (diffusers' default)
            }
            x[i] = sqrtAlphaPrev * x0 + direction * eps;
        }
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
        return setAlphaToOne ? 1f : alphaAt(0);
    }
}
