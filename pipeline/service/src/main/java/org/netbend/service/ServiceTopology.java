package org.netbend.service;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.netbend.farm.GeneratorFactory;
import org.netbend.farm.RenderTopology;
import org.netbend.farm.RunOptions;
import org.netbend.farm.Segment;
import org.netbend.farm.SlotOrder;
import org.netbend.job.JobEvent;
import org.netbend.job.JobResult;
import org.netbend.job.ProgressEvent;

/**
 * The service job: the render topology ({@link RenderTopology}'s RENDER and ASSEMBLE) fed by the requests topic.
 * <pre>
 * requests ─▶ dead-letters ─▶ decode ─▶ intake (keyed) ─▶ PLAN (async) ─▶ RENDER (fair) ─▶ ASSEMBLE ─┬▶ progress
 *               │               │          │ ACCEPTED / CANCEL ─────────────────────────▶│          └▶ results
 *               │               │          └ REJECTED, FAILED, DONE for a job already rendered ──────▶ results
 *               └ FAILED at the └ REJECTED ──────────────────────────────────────────────────────────▶ results
 *                 Nth read           (every result's reason is scrubbed of paths and endpoints)
 * </pre>
 * Results go through a transactional (exactly-once) sink and appear at the checkpoint after the video is made;
 * progress is at least once.
 */
public final class ServiceTopology {
    /** Jobs PLAN holds at once (waiting for one of its threads). */
    private static final int MAX_PLANNING = 1000;

    private ServiceTopology() { }

    public static void build(StreamExecutionEnvironment env, ServiceConfig config, GeneratorFactory generators) {
        build(env, config, generators, SlotOrder.FAIR);
    }

    /** The same with another slot order: the benchmark's FIFO baseline. */
    public static void build(StreamExecutionEnvironment env, ServiceConfig config, GeneratorFactory generators,
            SlotOrder order) {
        RunOptions run = config.run();
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);

        DataStream<RawRequest> requests = env.fromSource(source(config), WatermarkStrategy.noWatermarks(), "requests")
                .uid("requests").setParallelism(1);
        SingleOutputStreamOperator<RawRequest> counted = requests
                .process(new DeadLetterFunction(run, config.deadLetterAttempts()))
                .name("dead-letters").uid("dead-letters").setParallelism(1);
        SingleOutputStreamOperator<Decoded> decoded = counted
                .process(new DecodeFunction(run, config.defaultModel(), config.models(), config.outputPrefix()))
                .name("decode").uid("decode").setParallelism(1);
        SingleOutputStreamOperator<AcceptedJob> accepted = decoded
                .keyBy(Decoded::jobId)
                .process(new IntakeFunction(run)).name("intake").uid("intake").setParallelism(1);
        SingleOutputStreamOperator<Segment> segments = AsyncDataStream.unorderedWait(accepted,
                        new PlanAsyncFunction(run, config.planThreads(), config.deadLetterAttempts()), 0,
                        TimeUnit.MILLISECONDS, MAX_PLANNING)
                .name("plan").uid("plan").setParallelism(1)
                .process(new SplitPlan()).name("split-plan").uid("split-plan").setParallelism(1);

        DataStream<JobEvent> rendered = RenderTopology.render(segments, run, generators, true, order);
        DataStream<JobEvent> assembled = RenderTopology.assemble(rendered.union(
                accepted.getSideOutput(IntakeFunction.CONTROL), segments.getSideOutput(SplitPlan.FAILED)), run, true);

        assembled.keyBy(JobEvent::jobId)
                .process(new ProgressThrottle(config.progressInterval().toNanos()))
                .name("progress").uid("progress").setParallelism(1)
                .sinkTo(progressSink(config)).name("progress-sink").uid("progress-sink").setParallelism(1);

        DataStream<JobResult> results = assembled.union(accepted.getSideOutput(IntakeFunction.ALREADY_DONE))
                .flatMap(new ResultFunction(run, config.presignExpiry())).name("results").uid("results")
                .setParallelism(1)
                .union(decoded.getSideOutput(DecodeFunction.REJECTED), accepted.getSideOutput(IntakeFunction.REJECTED),
                        counted.getSideOutput(DeadLetterFunction.DEAD))
                .map(new ResultScrubber()).name("scrub").uid("scrub").setParallelism(1);
        results.map(new JobLog()).name("job-log").uid("job-log").setParallelism(1)
                .sinkTo(resultSink(config)).name("results-sink").uid("results-sink").setParallelism(1);
    }

    private static KafkaSource<RawRequest> source(ServiceConfig config) {
        return KafkaSource.<RawRequest>builder()
                .setProperties(config.kafka().client())
                .setTopics(config.kafka().topics().requests())
                .setGroupId(config.groupId())
                // Offsets are the checkpoint's; a new service starts at the group's committed offset, else the start.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRequestDeserializer())
                .build();
    }

    private static KafkaSink<JobResult> resultSink(ServiceConfig config) {
        Properties producer = config.kafka().client();
        // Must not exceed the broker's transaction.max.timeout.ms (15 min by default), or no transaction starts.
        producer.setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeout().toMillis()));
        return KafkaSink.<JobResult>builder()
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new JsonRecords.Results(config.kafka().topics().results()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix())
                .build();
    }

    private static KafkaSink<ProgressEvent> progressSink(ServiceConfig config) {
        return KafkaSink.<ProgressEvent>builder()
                .setKafkaProducerConfig(config.kafka().client())
                .setRecordSerializer(new JsonRecords.Progress(config.kafka().topics().progress()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
