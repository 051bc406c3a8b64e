package org.netbend.farm;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;
import org.netbend.store.Stores;

/**
 * ASSEMBLE in the Flink job, keyed by job id: counts distinct frames and segments (a retried segment reports
 * its frames again; they are counted once), passes progress on, and builds the video once every segment is in.
 */
public final class AssembleFunction extends KeyedProcessFunction<String, JobEvent, JobEvent> {
    private final RunOptions options;
    private transient ObjectStore store;
    private transient MapState<Integer, Boolean> frames;
    private transient MapState<Integer, Boolean> segments;
    private transient ValueState<Integer> framesDone;
    private transient ValueState<Integer> segmentsDone;
    private transient ValueState<long[]> stageNanos;
    private transient ValueState<Boolean> finished;

    public AssembleFunction(RunOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = Stores.open(options.store(), System.getenv());
        frames = getRuntimeContext().getMapState(new MapStateDescriptor<>("frames", Types.INT, Types.BOOLEAN));
        segments = getRuntimeContext().getMapState(new MapStateDescriptor<>("segments", Types.INT, Types.BOOLEAN));
        framesDone = getRuntimeContext().getState(new ValueStateDescriptor<>("frames-done", Types.INT));
        segmentsDone = getRuntimeContext().getState(new ValueStateDescriptor<>("segments-done", Types.INT));
        stageNanos = getRuntimeContext().getState(new ValueStateDescriptor<>("stage-nanos",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        finished = getRuntimeContext().getState(new ValueStateDescriptor<>("finished", Types.BOOLEAN));
    }

    @Override
    public void processElement(JobEvent event, Context context, Collector<JobEvent> out) throws Exception {
        if (Boolean.TRUE.equals(finished.value())) {
            return;
        }
        switch (event.kind()) {
            case FRAME -> {
                if (!frames.contains(event.frame())) {
                    frames.put(event.frame(), true);
                    framesDone.update(count(framesDone) + 1);
                }
                out.collect(event.withFramesDone(count(framesDone)));
            }
            case SEGMENT -> {
                if (segments.contains(event.segment())) {
                    return;
                }
                segments.put(event.segment(), true);
                segmentsDone.update(count(segmentsDone) + 1);
                stageNanos.update(add(stageNanos.value(), event.stageNanos()));
                out.collect(event.withFramesDone(count(framesDone)));
                if (count(segmentsDone) == event.segmentCount()) {
                    out.collect(assemble(event));
                }
            }
            default -> throw new IllegalStateException("unexpected event " + event.kind() + " before assembly");
        }
    }

    private JobEvent assemble(JobEvent last) throws Exception {
        long start = System.nanoTime();
        new JobAssembler(store, TempFiles.workDir()).assemble(last.jobId(), last.segmentCount(), last.totalFrames(),
                options.force());
        long[] totals = stageNanos.value();
        totals[JobEvent.Stage.ASSEMBLE.ordinal()] += System.nanoTime() - start;
        finished.update(true);
        frames.clear();
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
}
