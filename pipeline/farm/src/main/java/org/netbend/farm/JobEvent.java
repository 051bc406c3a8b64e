package org.netbend.farm;

/**
 * What a job reports as it goes: a frame stored (or found in the store), a segment finished, the job done
 * or failed. One flat record so that it is a plain Flink POJO and one JSON shape on a progress topic.
 *
 * @param kind        FRAME, SEGMENT, DONE
 * @param resumed     FRAME: the frame was already in the store; SEGMENT: its chunk was
 * @param framesDone  frames of the job stored so far (filled in by the assembler, which sees every event)
 * @param stageNanos  SEGMENT: nanoseconds per stage, in {@link Stage} order; DONE: assembly in slot 0
 * @param detail      DONE: the video's store key
 */
public record JobEvent(String jobId, Kind kind, int segment, int frame, boolean resumed, int framesDone,
        int totalFrames, int segmentCount, long[] stageNanos, String detail) {

    public enum Kind { FRAME, SEGMENT, DONE }

    /** Where render time goes, per segment. */
    public enum Stage { TEXT, UNET, SCHEDULER, BEND, VAE_DECODE, VAE_ENCODE, PNG, STORE, CHUNK_ENCODE, ASSEMBLE }

    public static JobEvent frame(Segment s, int frame, boolean resumed) {
        return new JobEvent(s.jobId(), Kind.FRAME, s.index(), frame, resumed, 0, s.totalFrames(), s.segmentCount(),
                new long[0], "");
    }

    public static JobEvent segment(Segment s, boolean resumed, long[] stageNanos) {
        return new JobEvent(s.jobId(), Kind.SEGMENT, s.index(), s.endFrame() - 1, resumed, 0, s.totalFrames(),
                s.segmentCount(), stageNanos, "");
    }

    public JobEvent withFramesDone(int done) {
        return new JobEvent(jobId, kind, segment, frame, resumed, done, totalFrames, segmentCount, stageNanos, detail);
    }

    public static JobEvent done(String jobId, int totalFrames, int segmentCount, long[] stageNanos, String videoKey) {
        return new JobEvent(jobId, Kind.DONE, -1, totalFrames - 1, false, totalFrames, totalFrames, segmentCount,
                stageNanos, videoKey);
    }
}
