package org.netbend.farm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;

/**
 * Runs one job on a Flink session cluster: the same topology as {@link LocalRender}, submitted through the
 * cluster's REST API with the job jar; the events come back to the caller through Flink's collect client.
 *
 * <p>The cluster decides how a job restarts (deploy/standalone/conf: the adaptive scheduler and a restart
 * strategy). A restarted job re-plans and resumes from the store. Flink's collect client survives a restart only
 * when checkpointing is on, so it is on here, at least once: events may then come twice, which the caller's
 * counting (and ASSEMBLE's) tolerates. Progress arrives a segment at a time: a slot on another machine has no
 * live channel to this process. A standalone cluster has no high availability: when its JobManager dies the job
 * goes with it, and the failure is {@link JobManagerLost}, which says to run the same command again.
 */
public final class ClusterRender {
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private ClusterRender() { }

    /** @return the DONE event */
    public static JobEvent run(ClusterAddress cluster, Path jobJar, JobRequest request, RunOptions options,
            Consumer<JobEvent> listener) throws Exception {
        StreamExecutionEnvironment env = RemoteCluster.environment(cluster, jobJar);
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis(), CheckpointingMode.AT_LEAST_ONCE);
        try {
            return LocalRender.runOn(env, request, options, listener);
        } catch (Exception e) {
            throw RemoteCluster.lostOr(cluster, e);
        }
    }

    /** Several jobs (an album) as one Flink job on the cluster; see {@link LocalRender#runAll}. */
    public static Map<String, JobEvent> runAll(String cluster, List<JobRequest> requests, RunOptions options,
            Consumer<JobEvent> listener) throws Exception {
        ClusterAddress address = ClusterAddress.parse(cluster);
        StreamExecutionEnvironment env = RemoteCluster.environment(address, RemoteCluster.jobJar(System.getenv()));
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis(), CheckpointingMode.AT_LEAST_ONCE);
        try {
            return LocalRender.runAllOn(env, requests, options, DiffusionGenerator.factory(), listener);
        } catch (Exception e) {
            throw RemoteCluster.lostOr(address, e);
        }
    }

    /** For the command line: {@code HOST:PORT}, with the job jar from the environment (see {@link RemoteCluster}). */
    public static JobEvent run(String cluster, JobRequest request, RunOptions options, Consumer<JobEvent> listener)
            throws Exception {
        return run(ClusterAddress.parse(cluster), RemoteCluster.jobJar(System.getenv()), request, options, listener);
    }
}
