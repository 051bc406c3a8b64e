package org.netbend.farm;

import java.util.Locale;
import org.netbend.assemble.VideoSettings;
import org.netbend.job.JobRequest;
import org.netbend.store.JobKeys;

/**
 * How a job's chunks are encoded. x264's preset follows the frame rate a slot reaches, read from the request
 * alone (never from a measured speed), so every run and retry of a job encodes its chunks alike: few-step
 * samplers (at most {@value #FEW_STEPS} steps run, e.g. SD-turbo, LCM) make frames faster than {@code medium}
 * encodes them at 512x512 on a core, so they take {@code veryfast}, at the same CRF. x264 runs on one thread
 * ({@value #THREADS}): its output depends on its thread count, so a count that followed the machine's cores
 * would make other bytes on another machine; one thread does about the same work as several (a slot's chunks
 * are encoded beside its model, and the slots' chunks in parallel).
 *
 * <p>A chunk is stored under a key that names these settings ({@link #key}), so chunks made by another version
 * with other settings are not reused: their segments are encoded again from their frames.
 */
public final class ChunkSettings {
    static final int FEW_STEPS = 8;
    static final String FEW_STEP_PRESET = "veryfast";
    static final int THREADS = 1;

    private ChunkSettings() { }

    public static VideoSettings of(JobRequest request) {
        VideoSettings defaults = VideoSettings.defaults(request.videoFps()).withThreads(THREADS);
        return request.stepsRun() <= FEW_STEPS ? defaults.withPreset(FEW_STEP_PRESET) : defaults;
    }

    /** The store key of a segment's chunk for this request's settings, e.g. {@code ...chunks/00003.veryfast-crf18-g20-t1.mp4}. */
    public static String key(JobRequest request, int segment) {
        return new JobKeys(request.jobId()).chunk(segment, encoding(of(request)));
    }

    /** Everything besides the frames that decides a chunk's bytes. */
    static String encoding(VideoSettings settings) {
        return String.format(Locale.ROOT, "%s-crf%d-g%d-t%d", settings.preset(), settings.crf(),
                settings.keyFrameInterval(), settings.threads());
    }
}
