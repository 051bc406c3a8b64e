package org.netbend.farm;

import org.netbend.job.JobEvent;

/**
 * The unit of render work and of ordering: frames {@code [firstFrame, firstFrame + frames)} of one job.
 * An img2img segment also renders {@code warmUpFrames} frames before its first (not stored) so that its chain is
 * already moving when its own frames begin. {@code params[i][b][p]} is parameter p of bend b for frame
 * {@code firstFrame - warmUpFrames + i}, already scaled by PLAN. The request travels as JSON so that the
 * record stays a plain Flink POJO. {@code priority} is the job's weight when a slot chooses among jobs.
 * {@code fullFrames} is the full render's frame count: a preview's {@code totalFrames} are every k-th of them, and
 * its noise walk spans the full render's.
 */
public record Segment(String jobId, int index, int segmentCount, int firstFrame, int frames, int totalFrames,
        int warmUpFrames, double[][][] params, String requestJson, int priority, int fullFrames) {

    /** A segment of a job with the normal priority (1). */
    public Segment(String jobId, int index, int segmentCount, int firstFrame, int frames, int totalFrames,
            int warmUpFrames, double[][][] params, String requestJson) {
        this(jobId, index, segmentCount, firstFrame, frames, totalFrames, warmUpFrames, params, requestJson, 1);
    }

    /** A segment of a full render: its frames are the render's ({@code fullFrames} = {@code totalFrames}). */
    public Segment(String jobId, int index, int segmentCount, int firstFrame, int frames, int totalFrames,
            int warmUpFrames, double[][][] params, String requestJson, int priority) {
        this(jobId, index, segmentCount, firstFrame, frames, totalFrames, warmUpFrames, params, requestJson, priority,
                totalFrames);
    }

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
