package org.netbend.service;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.netbend.job.JobEvent;
import org.netbend.job.ProgressEvent;
import org.netbend.job.Submission;

/**
 * ASSEMBLE's events as the progress topic carries them: one SEGMENT event per finished segment, and PROGRESS at
 * most once per interval per job (a render of 20 fps would otherwise send 20 events a second). The last time sent
 * is not checkpointed: after a restart a job may send one event early, which at-least-once delivery allows.
 */
final class ProgressThrottle extends KeyedProcessFunction<String, JobEvent, ProgressEvent> {
    private final long intervalNanos;
    private transient Map<String, Long> lastSent;

    ProgressThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    @Override
    public void open(OpenContext context) {
        lastSent = new HashMap<>();
    }

    @Override
    public void processElement(JobEvent event, Context context, Collector<ProgressEvent> out) {
        long now = System.nanoTime();
        switch (event.kind()) {
            case SEGMENT -> out.collect(of(event, ProgressEvent.Kind.SEGMENT));
            case FRAME -> {
                Long last = lastSent.get(event.jobId());
                if (last == null || now - last >= intervalNanos) {
                    lastSent.put(event.jobId(), now);
                    out.collect(of(event, ProgressEvent.Kind.PROGRESS));
                }
            }
            default -> {
                if (event.kind().isFinal()) {
                    lastSent.remove(event.jobId());
                }
            }
        }
    }

    private static ProgressEvent of(JobEvent e, ProgressEvent.Kind kind) {
        boolean segment = kind == ProgressEvent.Kind.SEGMENT;
        return new ProgressEvent(Submission.SCHEMA, e.jobId(), kind, e.framesDone(), e.totalFrames(),
                e.segmentCount(), e.framesPerSecond(), e.etaSeconds(), segment ? e.segment() : -1,
                segment ? e.slot() : -1, null);
    }
}
