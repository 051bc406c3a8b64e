package org.netbend.farm;

import org.netbend.job.JobEvent;

/**
 * The unit of render work and of ordering: frames {@code [firstFrame, firstFrame + frames)} of one job.
 * An img2img segment also renders {@code warmUpFrames} frames before its first (not stored) so that its chain is
 * already moving when its own frames begin. {@code params[i][b][p]} is parameter p of bend b for frame
 * {@code firstFrame - warmUpFrames + i}, already scaled by PLAN. The request travels as JSON so that the
 * record stays a plain Flink POJO.
 */
public record Segment(String jobId, int index, int segmentCount, int firstFrame, int frames, int totalFrames,
        int warmUpFrames, double[][][] params, String requestJson) {

    public Segment {
        if (warmUpFrames < 0 || warmUpFrames > firstFrame) {
            throw new IllegalArgumentException("segment " + index + " cannot warm up over " + warmUpFrames
                    + " frames before frame " + firstFrame);
        }
        if (params.length != warmUpFrames + frames) {
            throw new IllegalArgumentException("segment " + index + " needs parameters for " + (warmUpFrames + frames)
                    + " frames, got " + params.length);
        }
    }

    public int endFrame() { return firstFrame + frames; }

    /** The event of one of this segment's frames stored (or found in the store: {@code resumed}). */
    public JobEvent frameEvent(int frame, boolean resumed) {
        return JobEvent.frame(jobId, index, frame, resumed, totalFrames, segmentCount, -1);
    }

    /** The event of this segment finished. */
    public JobEvent segmentEvent(boolean resumed, long[] stageNanos) {
        return JobEvent.segment(jobId, index, endFrame() - 1, resumed, totalFrames, segmentCount, stageNanos, -1);
    }

    /** The first frame this segment renders, its warm-up included. */
    public int renderFrom() { return firstFrame - warmUpFrames; }

    /** The bend parameters of a frame in {@code [renderFrom(), endFrame())}. */
    public double[][] paramsOf(int frame) {
        if (frame < renderFrom() || frame >= endFrame()) {
            throw new IllegalArgumentException("frame " + frame + " is outside segment " + index + " ["
                    + renderFrom() + ", " + endFrame() + ")");
        }
        return params[frame - renderFrom()];
    }
}
