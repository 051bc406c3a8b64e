package org.netbend.render.schedule;

/**
 * A run over integer timesteps on the variance-preserving latent (DDIM, LCM): img2img noises the encoded image
 * with {@code alphas_cumprod} at the first timestep run, as diffusers' {@code add_noise} does for both.
 */
abstract class TimestepRun implements Scheduler.Run {
    final NoiseSchedule schedule;
    final int[] timesteps;
    final int first;

    TimestepRun(NoiseSchedule schedule, int[] timesteps, int first) {
        this.schedule = schedule;
        this.timesteps = timesteps;
        this.first = first;
    }

    @Override
    public void addNoise(float[] x0, float[] noise) {
        DdimScheduler.addNoise(schedule, x0, noise, timesteps[first]);
    }
}
