package org.netbend.farm;

import java.util.function.Consumer;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.netbend.core.RunFolder;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;

/** Runs one job on an embedded Flink MiniCluster and reports its events as they come. */
public final class LocalRender {
    /** Slots a local render may run; the network memory below is sized for it. */
    public static final int MAX_LOCAL_SLOTS = 32;
    /** Flink's network buffer (a memory segment) and the buffers an exchange needs per channel. */
    private static final long SEGMENT_BYTES = 32 * 1024;
    private static final int BUFFERS_PER_CHANNEL = 2;
    /** Keyed exchanges in the topology (request to PLAN, PLAN to RENDER, RENDER to ASSEMBLE) plus slack. */
    private static final int EXCHANGES = 4;

    private LocalRender() { }

    /**
     * Network memory for {@code slots}: an all-to-all exchange has slots x slots channels, each with its own
     * buffers, so the 64 MB default runs out near 30 slots ("Insufficient number of network buffers").
     */
    static long networkBytes(int slots) {
        long needed = (long) EXCHANGES * slots * slots * BUFFERS_PER_CHANNEL * SEGMENT_BYTES * 2;
        return Math.max(64L << 20, needed);
    }

    /** @return the DONE event */
    public static JobEvent run(JobRequest request, RunOptions options, Consumer<JobEvent> listener) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Flink's temporary files (the extracted rpc jar, the MiniCluster's working folders) go in the run's folder.
        conf.set(CoreOptions.TMP_DIRS, RunFolder.current().toString());
        if (options.parallelism() > MAX_LOCAL_SLOTS) {
            throw new IllegalArgumentException("--parallelism " + options.parallelism() + " is more than a local "
                    + "render runs (at most " + MAX_LOCAL_SLOTS + " slots)");
        }
        MemorySize network = new MemorySize(networkBytes(options.parallelism()));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, network);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, network);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(), conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        return runOn(env, request, options, listener);
    }

    /** The same job on an environment the caller made (tests use a shared MiniCluster). */
    public static JobEvent runOn(StreamExecutionEnvironment env, JobRequest request, RunOptions options,
            Consumer<JobEvent> listener) throws Exception {
        return runOn(env, request, options, DiffusionGenerator.factory(), listener);
    }

    public static JobEvent runOn(StreamExecutionEnvironment env, JobRequest request, RunOptions options,
            GeneratorFactory generators, Consumer<JobEvent> listener) throws Exception {
        DataStream<String> requests = env.fromData(request.toJson()).name("request");
        DataStream<JobEvent> events = RenderTopology.build(requests, options, generators);
        JobEvent done = null;
        try (CloseableIterator<JobEvent> iterator = events.executeAndCollect("netbend " + request.jobId())) {
            while (iterator.hasNext()) {
                JobEvent event = iterator.next();
                listener.accept(event);
                if (event.kind() == JobEvent.Kind.DONE) {
                    done = event;
                }
            }
        }
        if (done == null) {
            throw new IllegalStateException("job " + request.jobId() + " ended without assembling its video");
        }
        return done;
    }
}
