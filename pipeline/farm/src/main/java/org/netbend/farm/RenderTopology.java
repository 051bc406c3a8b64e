package org.netbend.farm;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.netbend.job.JobEvent;

/**
 * PLAN -> RENDER -> ASSEMBLE, the same topology for the embedded and the cluster run; only the source of
 * requests (and where the events go) differs.
 */
public final class RenderTopology {
    /**
     * Segments a render slot accepts into its queue. They must all fit: a checkpoint barrier waits behind the
     * segments a slot has not taken yet, and a queued segment is checkpointed with the slot (10,000 segments of
     * 40 frames are 110 hours of video at 1 fps per slot).
     */
    static final int MAX_QUEUED_SEGMENTS = 10_000;
    private RenderTopology() { }

    public static DataStream<JobEvent> build(DataStream<String> requests, RunOptions options) {
        return build(requests, options, DiffusionGenerator.factory());
    }

    /** The same topology with another frame generator: benchmarks and fault-injection tests. */
    public static DataStream<JobEvent> build(DataStream<String> requests, RunOptions options,
            GeneratorFactory generators) {
        DataStream<Segment> segments = requests
                .flatMap(new PlanFunction(options)).name("plan").uid("plan");
        return assemble(render(segments, options, generators, false), options);
    }

    /**
     * RENDER: segments spread over the slots, each slot rendering the segments it holds fairly across jobs.
     *
     * @param service the service: a job whose segment fails (other than by I/O) ends FAILED instead of failing the
     *                Flink job, and a job can be cancelled (its slots look for the cancel marker); a local or
     *                cluster render is neither
     */
    public static DataStream<JobEvent> render(DataStream<Segment> segments, RunOptions options,
            GeneratorFactory generators, boolean service) {
        return render(segments, options, generators, service, SlotOrder.FAIR);
    }

    /** The same with a slot order of choice (the service benchmark's FIFO baseline). */
    public static DataStream<JobEvent> render(DataStream<Segment> segments, RunOptions options,
            GeneratorFactory generators, boolean service, SlotOrder order) {
        // No timeout: a segment's wait includes the segments queued before it in its slot.
        return AsyncDataStream.unorderedWait(
                        segments.partitionCustom(new SegmentSpreader(), new SegmentSlotKey()),
                        new RenderFunction(options, generators, service, order), 0, TimeUnit.MILLISECONDS,
                        MAX_QUEUED_SEGMENTS)
                .name("render").uid("render")
                .setParallelism(options.parallelism());
    }

    /** ASSEMBLE, keyed by job: counts frames and segments once, builds each video, ends each job once. */
    public static DataStream<JobEvent> assemble(DataStream<JobEvent> events, RunOptions options) {
        return assemble(events, options, false);
    }

    /** @param service a job's own failure ends it FAILED instead of failing the Flink job (see AssembleFunction) */
    public static DataStream<JobEvent> assemble(DataStream<JobEvent> events, RunOptions options, boolean service) {
        return events
                .keyBy(new JobIdKey())
                .process(new AssembleFunction(options, service)).name("assemble").uid("assemble")
                .setParallelism(1);
    }

    /** Round-robin over slots by segment index: S segments on P slots give at most ceil(S/P) per slot. */
    static final class SegmentSpreader implements Partitioner<Integer> {
        @Override
        public int partition(Integer key, int slots) {
            return Math.floorMod(key, slots);
        }
    }

    /** Segment index, offset per job so that several jobs' first segments do not all land on slot 0. */
    static final class SegmentSlotKey implements KeySelector<Segment, Integer> {
        @Override
        public Integer getKey(Segment segment) {
            return segment.index() + Math.floorMod(segment.jobId().hashCode(), 1 << 16);
        }
    }

    static final class JobIdKey implements KeySelector<JobEvent, String> {
        @Override
        public String getKey(JobEvent event) {
            return event.jobId();
        }
    }
}
