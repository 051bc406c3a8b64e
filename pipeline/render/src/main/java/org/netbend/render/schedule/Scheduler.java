package org.netbend.render.schedule;

import java.util.Locale;

/**
 * A sampler, as diffusers' schedulers: which timesteps a run visits and how each U-Net output moves the latent.
 * Every scheduler here works on the latent in the variance-preserving form
 * {@code x_t = sqrt(a_t) x_0 + sqrt(1 - a_t) eps} that the U-Net takes as input, so a bend sees the same kind of
 * latent whichever scheduler runs (Euler's sigma-scaled latent is converted inside {@link Run#step}).
 * Schedulers are immutable and thread-safe; a {@link Run} holds one frame's multistep state.
 */
public interface Scheduler {
    /** The names requests use, in the order help texts list them. */
    java.util.List<String> NAMES = java.util.List.of("ddim", "euler", "euler-ancestral", "dpm++2m", "dpm++2m-karras",
            "lcm");

    /** The name used in requests: {@code "ddim"}, {@code "euler"}, ... */
    String name();

    /**
     * The training timesteps of an {@code steps}-step run, noisiest first, as an integer U-Net input is fed them
     * (truncated, as diffusers' ONNX pipeline casts them).
     */
    int[] timesteps(int steps);

    /**
     * The same timesteps as diffusers visits them, which a floating-point U-Net input gets: fractional for Euler
     * with linspace spacing or Karras sigmas, the integers of {@link #timesteps} for every other sampler.
     */
    default double[] exactTimesteps(int steps) {
        return java.util.Arrays.stream(timesteps(steps)).asDoubleStream().toArray();
    }

    /**
     * What the unit initial noise is multiplied by for txt2img, in the variance-preserving form: diffusers'
     * {@code init_noise_sigma} divided by the first step's input scaling (1 for all but Euler with linspace or
     * trailing spacing, which start at sigma_max, not at sqrt(sigma_max^2 + 1)).
     */
    default double initialNoiseScale(int steps) {
        return 1;
    }

    /** Whether {@link Run#step} draws fresh noise (ancestral and LCM sampling). */
    default boolean drawsNoise() {
        return false;
    }

    /**
     * One frame's run of an {@code steps}-step schedule from position {@code first} of {@link #timesteps} on
     * (0 for txt2img, {@code steps - int(strength * steps)} for img2img).
     */
    Run start(int steps, int first);

    /** One frame's pass through the schedule; not thread-safe. */
    interface Run {
        /** Noises {@code x0} in place to the level of the first step run (img2img). */
        void addNoise(float[] x0, float[] noise);

        /**
         * One update, in place: {@code x} is the latent entering step {@code k} of this run (0 = the first step
         * run), {@code modelOutput} the guided U-Net output for it; afterwards {@code x} enters step k + 1.
         * {@code noise} gives this step's fresh Gaussian noise when the scheduler {@link #drawsNoise()}.
         */
        void step(int k, float[] modelOutput, float[] x, StepNoise noise);
    }

    /** Fresh N(0, 1) noise for one step, keyed by the step's position in the whole schedule. */
    @FunctionalInterface
    interface StepNoise {
        float[] draw(int stepIndex);

        StepNoise NONE = i -> {
            throw new IllegalStateException("this scheduler draws no noise");
        };
    }

    /** The scheduler registered under {@code name}, for the model's scheduler config. */
    static Scheduler named(String name, SchedulerConfig config) {
        if (name == null) {
            throw new IllegalArgumentException("scheduler name must not be null (use one of " + NAMES + ")");
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ddim" -> new DdimScheduler(config);
            case "euler" -> new EulerScheduler(config, false);
            case "euler-ancestral", "euler_a", "euler-a" -> new EulerScheduler(config, true);
            case "dpm++2m", "dpm++" -> new DpmSolverScheduler(config, false);
            case "dpm++2m-karras", "dpm++-karras" -> new DpmSolverScheduler(config, true);
            case "lcm" -> new LcmScheduler(config);
            default -> throw new IllegalArgumentException("unknown scheduler '" + name + "' (supported: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
