package org.netbend.farm;

import org.netbend.assemble.VideoSettings;
import org.netbend.job.JobRequest;

/**
 * How a job's chunks are encoded. x264's preset follows the frame rate a slot reaches, read from the request
 * alone (never from a measured speed), so every run and retry of a job encodes its chunks alike: few-step
 * samplers (at most {@value #FEW_STEPS} steps run, e.g. SD-turbo, LCM) make frames faster than {@code medium}
 * encodes them at 512x512 on a core, so they take {@code veryfast}, at the same CRF.
 */
final class ChunkSettings {
    static final int FEW_STEPS = 8;
    static final String FEW_STEP_PRESET = "veryfast";

    private ChunkSettings() { }

    static VideoSettings of(JobRequest request) {
        VideoSettings defaults = VideoSettings.defaults(request.videoFps());
        return request.stepsRun() <= FEW_STEPS ? defaults.withPreset(FEW_STEP_PRESET) : defaults;
    }
}
