package org.netbend.render;

import java.util.Arrays;
import java.util.List;
import org.netbend.render.onnx.TensorSpec;
import org.netbend.render.schedule.Scheduler;

/**
 * What a group of frames that share U-Net calls is denoised with: the scheduler and the timesteps that run, the
 * latent's shape, and whether classifier-free guidance doubles the batch.
 *
 * @param group         the frames, in batch order (same size, scheduler, steps run and guidance mode)
 * @param firstStep     index in the whole schedule of the first step run (img2img skips the first ones)
 * @param timesteps     the timesteps of the steps that run: the last {@code stepsToRun} of the schedule
 * @param guidanceInput an LCM-distilled U-Net's {@code timestep_cond} input (the guidance scale goes in as an
 *                      embedding and no CFG runs), or null
 * @param guided        classifier-free guidance: the batch holds an unconditional and a conditional half
 */
record DenoisingPlan(List<FrameRequest> group, Scheduler scheduler, int steps, int firstStep, int[] timesteps,
        int channels, int latentHeight, int latentWidth, TensorSpec guidanceInput, boolean guided) {

    static DenoisingPlan of(List<FrameRequest> group, Scheduler scheduler, int channels, TensorSpec guidanceInput) {
        FrameRequest first = group.get(0);
        int[] all = scheduler.timesteps(first.steps());
        int layers = first.stepsToRun();
        return new DenoisingPlan(group, scheduler, first.steps(), all.length - layers,
                Arrays.copyOfRange(all, all.length - layers, all.length), channels, first.height() / 8,
                first.width() / 8, guidanceInput, first.usesGuidance() && guidanceInput == null);
    }

    int frames() { return group.size(); }

    /** Steps run, which are also the bend layers: 0 … layers − 1, then {@code layers} for the final latent. */
    int layers() { return timesteps.length; }

    int timestep(int k) { return timesteps[k]; }

    /** Floats in one frame's latent. */
    int plane() { return channels * latentHeight * latentWidth; }

    /** Rows of the U-Net batch: each frame twice with guidance. */
    int batch() { return guided ? 2 * frames() : frames(); }
}
