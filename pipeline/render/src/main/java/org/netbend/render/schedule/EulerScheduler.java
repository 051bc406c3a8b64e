package org.netbend.render.schedule;

/**
 * diffusers' {@code EulerDiscreteScheduler} (epsilon prediction, "leading" spacing, so timesteps are the same
 * integers as DDIM's): in sigma form {@code x_s = x0 + sigma eps}, one Euler step of the probability-flow ODE
 * {@code x_s' = x_s + (sigma' - sigma) eps}, the last step going to sigma 0.
 *
 * <p>The latent handed in and out is the variance-preserving one, {@code x_t = x_s / sqrt(1 + sigma^2)}
 * (exactly diffusers' {@code scale_model_input}), so the initial noise is N(0, 1) and bends see the same scale
 * as with DDIM.
 */
public final class EulerScheduler implements Scheduler {
    private final SchedulerConfig config;
    private final NoiseSchedule schedule;

    public EulerScheduler(SchedulerConfig config) {
        if (!config.predictionType().equals("epsilon")) {
            throw new IllegalArgumentException("the euler scheduler supports epsilon prediction only, model has "
                    + config.predictionType());
        }
        this.config = config;
        this.schedule = NoiseSchedule.of(config);
    }

    @Override
    public String name() { return "euler"; }

    @Override
    public int[] timesteps(int steps) {
        return DdimScheduler.leadingTimesteps(steps, config);
    }

    @Override
    public void step(int[] timesteps, int index, int steps, float[] modelOutput, float[] x) {
        double sigma = schedule.sigma(timesteps[index]);
        double sigmaNext = index + 1 < timesteps.length ? schedule.sigma(timesteps[index + 1]) : 0;
        double toSigma = Math.sqrt(1 + sigma * sigma);
        double fromSigma = 1 / Math.sqrt(1 + sigmaNext * sigmaNext);
        double dt = sigmaNext - sigma;
        for (int i = 0; i < x.length; i++) {
            double xs = x[i] * toSigma;
            x[i] = (float) ((xs + dt * modelOutput[i]) * fromSigma);
        }
    }

    @Override
    public void addNoise(float[] x0, float[] noise, int t) {
        DdimScheduler.addNoise(schedule, x0, noise, t);
    }
}
