package org.netbend.job;

/**
 * What a job reports as it goes: a frame stored (or found in the store), a segment finished, the job done.
 * One flat record so that it is a plain Flink POJO and one JSON shape on a progress topic.
 *
 * <p>Events are delivered at least once: after a restart a segment reports its frames again. The progress
 * fields are filled in by ASSEMBLE, which counts every frame and segment once.
 *
 * @param kind            FRAME, SEGMENT, DONE; in service mode also ACCEPTED and CANCEL (the intake's word to
 *                        ASSEMBLE), FAILED and CANCELLED (how a job ended otherwise)
 * @param resumed         FRAME: the frame was already in the store; SEGMENT: its chunk was
 * @param framesDone      frames of the job stored so far, each counted once (filled in by ASSEMBLE)
 * @param stageNanos      SEGMENT: nanoseconds per stage, in {@link Stage} order; DONE: the job's totals
 * @param detail          DONE: the video's store key; ACCEPTED: the extra output key ("" for none); FAILED and
 *                        CANCELLED: the reason
 * @param slot            FRAME, SEGMENT: the render slot (subtask index) that made it; -1 otherwise
 * @param framesPerSecond frames per second over the job so far, wall clock (filled in by ASSEMBLE)
 * @param etaSeconds      estimated seconds until every frame is stored; -1 while unknown (filled in by ASSEMBLE)
 * @param taskManager     FRAME, SEGMENT: the TaskManager that made it (its resource id, e.g. {@code host-tm1} on a
 *                        standalone cluster); empty otherwise
 */
public record JobEvent(String jobId, Kind kind, int segment, int frame, boolean resumed, int framesDone,
        int totalFrames, int segmentCount, long[] stageNanos, String detail, int slot, double framesPerSecond,
        double etaSeconds, String taskManager) {

    public JobEvent {
        taskManager = taskManager == null ? "" : taskManager;
    }

    public enum Kind {
        FRAME, SEGMENT, DONE, ACCEPTED, CANCEL, FAILED, CANCELLED;

        /** DONE, FAILED and CANCELLED end a job. */
        public boolean isFinal() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    /** Where render time goes, per segment. */
    public enum Stage { TEXT, UNET, SCHEDULER, BEND, VAE_DECODE, VAE_ENCODE, PNG, STORE, CHUNK_ENCODE, ASSEMBLE }

    /** A frame of segment {@code segment} stored, or found in the store ({@code resumed}). */
    public static JobEvent frame(String jobId, int segment, int frame, boolean resumed, int totalFrames,
            int segmentCount, int slot) {
        return new JobEvent(jobId, Kind.FRAME, segment, frame, resumed, 0, totalFrames, segmentCount, new long[0], "",
                slot, 0, -1, "");
    }

    /** A segment finished; {@code lastFrame} is its last frame, {@code stageNanos} where its time went. */
    public static JobEvent segment(String jobId, int segment, int lastFrame, boolean resumed, int totalFrames,
            int segmentCount, long[] stageNanos, int slot) {
        return new JobEvent(jobId, Kind.SEGMENT, segment, lastFrame, resumed, 0, totalFrames, segmentCount, stageNanos,
                "", slot, 0, -1, "");
    }

    public static JobEvent done(String jobId, int totalFrames, int segmentCount, long[] stageNanos, String videoKey) {
        return new JobEvent(jobId, Kind.DONE, -1, totalFrames - 1, false, totalFrames, totalFrames, segmentCount,
                stageNanos, videoKey, -1, 0, 0, "");
    }

    /** The intake accepted the job; {@code output} is where its video is also copied ("" for nowhere). */
    public static JobEvent accepted(String jobId, String output) {
        return control(jobId, Kind.ACCEPTED, output == null ? "" : output);
    }

    /** The intake was asked to cancel the job. */
    public static JobEvent cancel(String jobId) {
        return control(jobId, Kind.CANCEL, "");
    }

    /** The job cannot be rendered; {@code reason} says why in one line. */
    public static JobEvent failed(String jobId, String reason) {
        return control(jobId, Kind.FAILED, reason);
    }

    public static JobEvent cancelled(String jobId) {
        return control(jobId, Kind.CANCELLED, "cancelled");
    }

    private static JobEvent control(String jobId, Kind kind, String detail) {
        return new JobEvent(jobId, kind, -1, -1, false, 0, 0, 0, new long[0], detail, -1, 0, -1, "");
    }

    public JobEvent withFramesDone(int done) {
        return new JobEvent(jobId, kind, segment, frame, resumed, done, totalFrames, segmentCount, stageNanos, detail,
                slot, framesPerSecond, etaSeconds, taskManager);
    }

    /** The event with the job's progress as ASSEMBLE sees it. */
    public JobEvent withProgress(int done, double perSecond, double eta) {
        return new JobEvent(jobId, kind, segment, frame, resumed, done, totalFrames, segmentCount, stageNanos, detail,
                slot, perSecond, eta, taskManager);
    }

    public JobEvent withSlot(int renderSlot) {
        return withRenderer(renderSlot, taskManager);
    }

    /** The event with the render slot and the TaskManager that made it. */
    public JobEvent withRenderer(int renderSlot, String renderTaskManager) {
        return new JobEvent(jobId, kind, segment, frame, resumed, framesDone, totalFrames, segmentCount, stageNanos,
                detail, renderSlot, framesPerSecond, etaSeconds, renderTaskManager);
    }
}
