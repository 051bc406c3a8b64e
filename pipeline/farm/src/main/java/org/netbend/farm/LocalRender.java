package org.netbend.farm;

import java.util.function.Consumer;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;

/** Runs one job on an embedded Flink MiniCluster and reports its events as they come. */
public final class LocalRender {
    private LocalRender() { }

    /** @return the DONE event */
    public static JobEvent run(JobRequest request, RunOptions options, Consumer<JobEvent> listener) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
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
