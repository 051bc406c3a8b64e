package org.netbend.farm;

/**
 * The unit of render work and of ordering: frames {@code [firstFrame, firstFrame + frames)} of one job.
 * {@code params[f][b][p]} is parameter p of bend b for frame firstFrame + f, already scaled by PLAN.
 * The request travels as JSON so that the record stays a plain Flink POJO.
 */
public record Segment(String jobId, int index, int segmentCount, int firstFrame, int frames, int totalFrames,
        double[][][] params, String requestJson) {

    public int endFrame() { return firstFrame + frames; }
}
