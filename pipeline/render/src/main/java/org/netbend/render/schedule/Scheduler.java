package org.netbend.render.schedule;

/**
 * A sampler's update rule. Every scheduler here works on the latent in the variance-preserving form
 * {@code x_t = sqrt(a_t) x_0 + sqrt(1 - a_t) eps} that the U-Net takes as input, so a bend sees the same
 * kind of latent whichever scheduler runs (Euler's sigma-scaled latent is converted inside {@link #step}).
 * Implementations are stateless and thread-safe.
 */
public interface Scheduler {

    /** The name used in requests: {@code "ddim"}, {@code "euler"}. */
    String name();

    /** The training timesteps of an {@code steps}-step run, noisiest first. */
    int[] timesteps(int steps);

    /**
     * One update, in place: {@code x} is the latent entering position {@code index} of {@code timesteps}
     * (the list {@link #timesteps} gave, or a tail of it for img2img), {@code modelOutput} the guided U-Net
     * output for it. Afterwards {@code x} is the latent entering the next position.
     */
    void step(int[] timesteps, int index, int steps, float[] modelOutput, float[] x);

    /** Noise {@code x0} to timestep {@code t}: {@code sqrt(a_t) x0 + sqrt(1 - a_t) noise}, into {@code x0}. */
    void addNoise(float[] x0, float[] noise, int t);

    /** The scheduler registered under {@code name}, for the model's noise schedule. */
    static Scheduler named(String name, SchedulerConfig config) {
        if (name == null) {
            throw new IllegalArgumentException("scheduler name must not be null (use \"ddim\" or \"euler\")");
        }
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "ddim" -> new DdimScheduler(config);
            case "euler" -> new EulerScheduler(config);
            default -> throw new IllegalArgumentException("unknown scheduler '" + name
                    + "' (supported: ddim, euler)");
        };
    }
}
