package org.netbend.job;

/**
 * What a job reports as it goes: a frame stored (or found in the store), a segment finished, the job done.
 * One flat record so that it is a plain Flink POJO and one JSON shape on a progress topic.
 *
 * <p>Events are delivered at least once: after a restart a segment reports its frames again. The progress
 * fields are filled in by ASSEMBLE, which counts every frame and segment once.
 *
 * @param kind            FRAME, SEGMENT, DONE
 * @param resumed         FRAME: the frame was already in the store; SEGMENT: its chunk was
 * @param framesDone      frames of the job stored so far, each counted once (filled in by ASSEMBLE)
 * @param stageNanos      SEGMENT: nanoseconds per stage, in {@link Stage} order; DONE: the job's totals
 * @param detail          DONE: the video's store key
 * @param slot            FRAME, SEGMENT: the render slot (subtask index) that made it; -1 otherwise
 * @param framesPerSecond frames per second over the job so far, wall clock (filled in by ASSEMBLE)
 * @param etaSeconds      estimated seconds until every frame is stored; -1 while unknown (filled in by ASSEMBLE)
 */
public record JobEvent(String jobId, Kind kind, int segment, int frame, boolean resumed, int framesDone,
        int totalFrames, int segmentCount, long[] stageNanos, String detail, int slot, double framesPerSecond,
        double etaSeconds) {

    public enum Kind { FRAME, SEGMENT, DONE }

    /** Where render time goes, per segment. */
    public enum Stage { TEXT, UNET, SCHEDULER, BEND, VAE_DECODE, VAE_ENCODE, PNG, STORE, CHUNK_ENCODE, ASSEMBLE }

    /** A frame of segment {@code segment} stored, or found in the store ({@code resumed}). */
    public static JobEvent frame(String jobId, int segment, int frame, boolean resumed, int totalFrames,
            int segmentCount, int slot) {
        return new JobEvent(jobId, Kind.FRAME, segment, frame, resumed, 0, totalFrames, segmentCount, new long[0], "",
                slot, 0, -1);
    }

    /** A segment finished; {@code lastFrame} is its last frame, {@code stageNanos} where its time went. */
    public static JobEvent segment(String jobId, int segment, int lastFrame, boolean resumed, int totalFrames,
            int segmentCount, long[] stageNanos, int slot) {
        return new JobEvent(jobId, Kind.SEGMENT, segment, lastFrame, resumed, 0, totalFrames, segmentCount, stageNanos,
                "", slot, 0, -1);
    }

    public static JobEvent done(String jobId, int totalFrames, int segmentCount, long[] stageNanos, String videoKey) {
        return new JobEvent(jobId, Kind.DONE, -1, totalFrames - 1, false, totalFrames, totalFrames, segmentCount,
                stageNanos, videoKey, -1, 0, 0);
    }

    public JobEvent withFramesDone(int done) {
        return new JobEvent(jobId, kind, segment, frame, resumed, done, totalFrames, segmentCount, stageNanos, detail,
                slot, framesPerSecond, etaSeconds);
    }

    /** The event with the job's progress as ASSEMBLE sees it. */
    public JobEvent withProgress(int done, double perSecond, double eta) {
        return new JobEvent(jobId, kind, segment, frame, resumed, done, totalFrames, segmentCount, stageNanos, detail,
                slot, perSecond, eta);
    }

    public JobEvent withSlot(int renderSlot) {
        return new JobEvent(jobId, kind, segment, frame, resumed, framesDone, totalFrames, segmentCount, stageNanos,
                detail, renderSlot, framesPerSecond, etaSeconds);
    }
}
