package org.netbend.render.schedule;

/**
 * diffusers' {@code LCMScheduler} (latent consistency models: LCM-distilled SD and LCM-LoRA, 2 to 8 steps).
 * Timesteps are spread over the distillation's {@code original_inference_steps} (50) grid:
 * {@code origin = [T/50 * i - 1, i = 50..1]}, take {@code origin[floor(linspace(0, 50, steps, endpoint=False))]}
 * (999, 759, 499, 259 for 4 steps). Each step makes the consistency estimate
 * {@code denoised = c_out x0 + c_skip x} with the boundary scalings at {@code timestep_scaling} (10) and
 * sigma_data 0.5, then noises it afresh to the next timestep; the last step returns {@code denoised}.
 * Config fields honoured: betas (LCM's defaults are SD's), {@code original_inference_steps},
 * {@code timestep_scaling}, {@code set_alpha_to_one}, {@code prediction_type}, {@code clip_sample}.
 */
public final class LcmScheduler implements Scheduler {
    private static final double SIGMA_DATA = 0.5;
    private final NoiseSchedule schedule;
    private final int originalSteps;
    private final double timestepScaling;
    private final boolean setAlphaToOne;
    private final Prediction prediction;
    private final boolean clipSample;
    private final double clipRange;

    public LcmScheduler(SchedulerConfig config) {
        this.schedule = NoiseSchedule.of(config, new NoiseSchedule.Defaults(0.00085, 0.012, "scaled_linear"), "lcm");
        this.originalSteps = config.integer("original_inference_steps", 50);
        int train = schedule.trainTimesteps();
        if (originalSteps < 1 || originalSteps > train) {
            throw SchedulerConfig.unsupported("lcm", "original_inference_steps", String.valueOf(originalSteps),
                    "must be between 1 and num_train_timesteps");
        }
        this.timestepScaling = config.number("timestep_scaling", 10.0);
        this.setAlphaToOne = config.flag("set_alpha_to_one", true);
        this.prediction = Prediction.of(config, "lcm", true);
        this.clipSample = config.flag("clip_sample", false);
        this.clipRange = config.number("clip_sample_range", 1.0);
        config.requireOff("lcm", "thresholding");
    }

    @Override
    public String name() { return "lcm"; }

    @Override
    public boolean drawsNoise() { return true; }

    @Override
    public int[] timesteps(int steps) {
        if (steps < 1 || steps > originalSteps) {
            throw new IllegalArgumentException("lcm runs between 1 and " + originalSteps
                    + " steps (the distillation's original_inference_steps), got " + steps);
        }
        int k = schedule.trainTimesteps() / originalSteps;
        int[] t = new int[steps];
        for (int i = 0; i < steps; i++) {
            int index = (int) Math.floor(i * ((double) originalSteps / steps)); // linspace(0, n, steps, endpoint=False)
            t[i] = (originalSteps - index) * k - 1; // origin reversed: position j holds (n - j) * k - 1
        }
        return t;
    }

    @Override
    public Run start(int steps, int first) {
        return new TimestepRun(schedule, timesteps(steps), first) {
            @Override
            public void step(int k, float[] modelOutput, float[] x, StepNoise noise) {
                int[] all = timesteps;
                int index = first + k;
                int t = all[index];
                boolean last = index == all.length - 1;
                double a = schedule.alphaCumprod(t);
                double aPrev = last ? (setAlphaToOne ? 1 : schedule.alphaCumprod(0)) : schedule.alphaCumprod(all[index + 1]);
                double sqrtA = Math.sqrt(a);
                double sqrtB = Math.sqrt(1 - a);
                double scaled = t * timestepScaling;
                double cSkip = SIGMA_DATA * SIGMA_DATA / (scaled * scaled + SIGMA_DATA * SIGMA_DATA);
                double cOut = scaled / Math.sqrt(scaled * scaled + SIGMA_DATA * SIGMA_DATA);
                float[] fresh = last ? null : noise.draw(index);
                for (int i = 0; i < x.length; i++) {
                    double x0 = prediction.x0(x[i], modelOutput[i], sqrtA, sqrtB);
                    if (clipSample) {
                        x0 = Math.max(-clipRange, Math.min(clipRange, x0));
                    }
                    double denoised = cOut * x0 + cSkip * x[i];
                    x[i] = (float) (last ? denoised : Math.sqrt(aPrev) * denoised + Math.sqrt(1 - aPrev) * fresh[i]);
                }
            }
        };
    }
}
