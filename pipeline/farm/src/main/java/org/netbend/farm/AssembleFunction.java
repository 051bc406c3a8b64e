package org.netbend.farm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.netbend.job.JobEvent;
import org.netbend.job.JobState;
import org.netbend.job.JobStatus;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * ASSEMBLE in the Flink job, keyed by job id: counts each frame and segment once, passes progress on (as events
 * and as Flink metrics), and builds the video once every segment is in.
 *
 * <p>Events arrive at least once (a retried or restored segment reports its frames again), so every count is
 * idempotent: per segment the state keeps the highest frame counted, and a segment reports its frames in order
 * from its first, so a frame is new exactly when it is above that mark. The state is one entry per segment, not
 * per frame, and is dropped when the job is done.
 *
 * <p>In the service ({@code service} true) a failure of the assembly or of the output copy other than by I/O ends
 * that job FAILED with its message instead of failing the Flink job: one bad job must not restart the others. I/O
 * failures (the store, the disk) still fail the Flink job, which restarts and assembles again from the store.
 */
public final class AssembleFunction extends KeyedProcessFunction<String, JobEvent, JobEvent> {
    private final RunOptions options;
    private final boolean service;
    private transient ObjectStore store;
    private transient MapState<Integer, Integer> highestFrame;
    private transient MapState<Integer, Boolean> segments;
    private transient ValueState<Integer> framesDone;
    private transient ValueState<Integer> segmentsDone;
    private transient ValueState<long[]> stageNanos;
    private transient ValueState<Boolean> finished;
    private transient ValueState<String> output;
    private transient Map<String, JobGauges> gauges;

    public AssembleFunction(RunOptions options) {
        this(options, false);
    }

    /** @param service whether a job's own failure ends it FAILED (the service) or fails the Flink job (a render) */
    public AssembleFunction(RunOptions options, boolean service) {
        this.options = options;
        this.service = service;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = options.openStore();
        highestFrame = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("highest-frame", Types.INT, Types.INT));
        segments = getRuntimeContext().getMapState(new MapStateDescriptor<>("segments", Types.INT, Types.BOOLEAN));
        framesDone = getRuntimeContext().getState(new ValueStateDescriptor<>("frames-done", Types.INT));
        segmentsDone = getRuntimeContext().getState(new ValueStateDescriptor<>("segments-done", Types.INT));
        stageNanos = getRuntimeContext().getState(new ValueStateDescriptor<>("stage-nanos",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        finished = getRuntimeContext().getState(new ValueStateDescriptor<>("finished", Types.BOOLEAN));
        output = getRuntimeContext().getState(new ValueStateDescriptor<>("output", Types.STRING));
        gauges = new HashMap<>();
    }

    @Override
    public void processElement(JobEvent event, Context context, Collector<JobEvent> out) throws Exception {
        if (event.kind() == JobEvent.Kind.ACCEPTED) {
            accepted(event);
            return;
        }
        if (Boolean.TRUE.equals(finished.value())) {
            return;
        }
        if (event.kind() == JobEvent.Kind.CANCEL || event.kind() == JobEvent.Kind.FAILED) {
            out.collect(endWithoutVideo(event));
            return;
        }
        JobGauges job = gauges.computeIfAbsent(event.jobId(), id -> new JobGauges(
                jobMetrics(getRuntimeContext().getMetricGroup(), id), event.totalFrames()));
        switch (event.kind()) {
            case FRAME -> {
                Integer highest = highestFrame.get(event.segment());
                if (highest == null || event.frame() > highest) {
                    highestFrame.put(event.segment(), event.frame());
                    framesDone.update(count(framesDone) + 1);
                    if (!event.resumed()) {
                        job.rate.rendered(1);
                    }
                }
                out.collect(job.update(event, count(framesDone), count(segmentsDone)));
            }
            case SEGMENT -> {
                if (segments.contains(event.segment())) {
                    return;
                }
                segments.put(event.segment(), true);
                segmentsDone.update(count(segmentsDone) + 1);
                stageNanos.update(add(stageNanos.value(), event.stageNanos()));
                out.collect(job.update(event, count(framesDone), count(segmentsDone)));
                if (count(segmentsDone) == event.segmentCount()) {
                    out.collect(assembleOrFail(event));
                }
            }
            default -> throw new IllegalStateException("unexpected event " + event.kind() + " before assembly");
        }
    }

    /**
     * The service accepted the job (again): a job that had ended without a video (failed or cancelled) starts
     * over; one that is running goes on (a repeated request attaches to it).
     */
    private void accepted(JobEvent event) throws Exception {
        if (Boolean.TRUE.equals(finished.value())) {
            clearJob();
            finished.clear();
            framesDone.clear();
            segmentsDone.clear();
        }
        output.update(event.detail().isEmpty() ? null : event.detail());
    }

    /** A cancel, or a failure of PLAN or RENDER: the job ends now, once; later events of it are ignored. */
    private JobEvent endWithoutVideo(JobEvent event) throws Exception {
        boolean cancel = event.kind() == JobEvent.Kind.CANCEL;
        JobState state = cancel ? JobState.CANCELLED : JobState.FAILED;
        String reason = cancel ? "cancelled" : event.detail();
        store.put(new JobKeys(event.jobId()).status(),
                JobStatus.ended(event.jobId(), state, reason).toJson().getBytes(StandardCharsets.UTF_8));
        finished.update(true);
        clearJob();
        return cancel ? JobEvent.cancelled(event.jobId()) : JobEvent.failed(event.jobId(), reason);
    }

    private void clearJob() {
        highestFrame.clear();
        segments.clear();
        stageNanos.clear();
    }

    private JobEvent assembleOrFail(JobEvent last) throws Exception {
        try {
            return assemble(last);
        } catch (IOException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException | OutputRefused e) {
            if (!service) {
                throw e;
            }
            return endWithoutVideo(JobEvent.failed(last.jobId(), "assembling the video failed: " + e.getMessage()));
        }
    }

    /** The request's output key cannot take the video (another job's video is there). */
    static final class OutputRefused extends Exception {
        OutputRefused(String message) {
            super(message);
        }
    }

    private JobEvent assemble(JobEvent last) throws Exception {
        long start = System.nanoTime();
        new JobAssembler(store, TempFiles.workDir()).assemble(last.jobId(), last.segmentCount(), last.totalFrames(),
                options.force());
        String copyTo = output.value();
        if (copyTo != null) {
            Optional<String> refused = OutputCopy.copy(store, last.jobId(), copyTo);
            if (refused.isPresent()) {
                throw new OutputRefused(refused.get());
            }
        }
        long[] totals = add(stageNanos.value(), new long[0]);
        totals[JobEvent.Stage.ASSEMBLE.ordinal()] += System.nanoTime() - start;
        finished.update(true);
        // A finished job keeps one flag; its counters are no longer needed.
        clearJob();
        return JobEvent.done(last.jobId(), last.totalFrames(), last.segmentCount(), totals,
                new JobKeys(last.jobId()).video());
    }

    private static int count(ValueState<Integer> state) throws Exception {
        Integer value = state.value();
        return value == null ? 0 : value;
    }

    private static long[] add(long[] total, long[] more) {
        long[] sum = total == null ? new long[JobEvent.Stage.values().length] : total.clone();
        for (int i = 0; i < more.length && i < sum.length; i++) {
            sum[i] += more[i];
        }
        return sum;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }

    /** One job's progress as Flink metrics: netbend.job.&lt;id&gt;.framesDone, framesTotal, segmentsDone, framesPerSecond, etaSeconds. */
    /**
     * A job's gauges: series {@code ..._operator_netbend_job_framesDone} etc. with the job id as the label
     * {@code netbend_job}. Not {@code job}: Prometheus sets that label itself (the scrape job) and would rename
     * ours to {@code exported_job}.
     */
    static MetricGroup jobMetrics(MetricGroup operator, String jobId) {
        return operator.addGroup("netbend_job", jobId);
    }

    private static final class JobGauges {
        final ProgressRate rate = new ProgressRate(System.nanoTime());
        final int total;
        volatile int done;
        volatile int segmentsDone;
        volatile double perSecond;
        volatile double eta = -1;

        JobGauges(MetricGroup group, int total) {
            this.total = total;
            group.gauge("framesDone", (Gauge<Integer>) () -> done);
            group.gauge("framesTotal", (Gauge<Integer>) () -> total);
            group.gauge("segmentsDone", (Gauge<Integer>) () -> segmentsDone);
            group.gauge("framesPerSecond", (Gauge<Double>) () -> perSecond);
            group.gauge("etaSeconds", (Gauge<Double>) () -> eta);
        }

        JobEvent update(JobEvent event, int framesDone, int segments) {
            long now = System.nanoTime();
            done = framesDone;
            segmentsDone = segments;
            perSecond = rate.framesPerSecond(now);
            eta = rate.etaSeconds(total - framesDone, now);
            return event.withProgress(framesDone, perSecond, eta);
        }
    }
}
