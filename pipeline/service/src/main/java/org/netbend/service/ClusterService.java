package org.netbend.service;

import java.nio.file.Path;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.netbend.farm.ClusterAddress;
import org.netbend.farm.DiffusionGenerator;
import org.netbend.farm.RemoteCluster;

/**
 * The service job submitted to a Flink session cluster through its REST API ({@code netbend serve --cluster}):
 * the same topology as on the embedded MiniCluster, shipped with the job jar. The job runs on until it is
 * cancelled (web UI, REST API or {@code flink cancel}); this client only submits it.
 */
public final class ClusterService {
    /** The name the job has in the cluster's web UI and REST API. */
    public static final String JOB_NAME = "netbend service";

    private ClusterService() { }

    /** Submits the service job and returns its id once the cluster has accepted it. */
    public static JobID submit(ClusterAddress cluster, Path jobJar, ServiceConfig config) throws Exception {
        StreamExecutionEnvironment env = RemoteCluster.environment(cluster, jobJar);
        ServiceTopology.build(env, config, DiffusionGenerator.factory());
        JobClient job = env.executeAsync(JOB_NAME);
        // Closing the client lets go of its REST connection; the job goes on running on the cluster.
        if (job instanceof AutoCloseable connection) {
            connection.close();
        }
        return job.getJobID();
    }
}
