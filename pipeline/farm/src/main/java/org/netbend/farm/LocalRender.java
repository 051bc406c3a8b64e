package org.netbend.farm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** Runs one job, or an album of jobs, on an embedded Flink MiniCluster and reports their events as they come. */
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
        return runAll(List.of(request), options, listener).get(request.jobId());
    }

    /**
     * Several jobs (an album) as ONE Flink job: every track is its own request, so its own job id and frames,
     * and the tracks share the render slots, which take their segments fairly across jobs ({@link FairQueue}).
     *
     * @return the DONE event of each job, by job id in the order given
     */
    public static Map<String, JobEvent> runAll(List<JobRequest> requests, RunOptions options,
            Consumer<JobEvent> listener) throws Exception {
        Configuration conf = LocalCluster.loopbackConfiguration();
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
        return runAllOn(env, requests, options, DiffusionGenerator.factory(), listener);
    }

    /** The same job on an environment the caller made (tests use a shared MiniCluster). */
    public static JobEvent runOn(StreamExecutionEnvironment env, JobRequest request, RunOptions options,
            Consumer<JobEvent> listener) throws Exception {
        return runOn(env, request, options, DiffusionGenerator.factory(), listener);
    }

    public static JobEvent runOn(StreamExecutionEnvironment env, JobRequest request, RunOptions options,
            GeneratorFactory generators, Consumer<JobEvent> listener) throws Exception {
        return runAllOn(env, List.of(request), options, generators, listener).get(request.jobId());
    }

    /** Several jobs in one Flink job on an environment the caller made; see {@link #runAll}. */
    public static Map<String, JobEvent> runAllOn(StreamExecutionEnvironment env, List<JobRequest> requests,
            RunOptions options, GeneratorFactory generators, Consumer<JobEvent> listener) throws Exception {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("no request to render");
        }
        Map<String, JobEvent> done = new LinkedHashMap<>();
        List<String> json = new ArrayList<>();
        for (JobRequest request : requests) {
            if (done.containsKey(request.jobId())) {
                throw new IllegalArgumentException("job " + request.jobId() + " is requested twice in one run");
            }
            done.put(request.jobId(), null);
            json.add(request.toJson());
        }
        DataStream<String> requestStream = env.fromData(json).name("request");
        DataStream<JobEvent> events = RenderTopology.build(requestStream, options, generators);
        String name = requests.size() == 1 ? "netbend " + requests.get(0).jobId()
                : "netbend album of " + requests.size() + " tracks";
        try (CloseableIterator<JobEvent> iterator = events.executeAndCollect(name)) {
            while (iterator.hasNext()) {
                JobEvent event = iterator.next();
                listener.accept(event);
                if (event.kind() == JobEvent.Kind.DONE && done.containsKey(event.jobId())) {
                    done.put(event.jobId(), event);
                }
            }
        }
        for (Map.Entry<String, JobEvent> job : done.entrySet()) {
            if (job.getValue() == null) {
                throw new IllegalStateException("job " + job.getKey() + " ended without assembling its video");
            }
        }
        return done;
    }
}
