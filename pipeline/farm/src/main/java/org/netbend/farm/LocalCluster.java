package org.netbend.farm;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * What every embedded MiniCluster ({@code render}, {@code serve}) runs with: each endpoint it opens is bound to
 * loopback. Left to its defaults Flink binds its REST server (unauthenticated: it lists and cancels jobs), its
 * BLOB server and the result collector's socket to every interface. Nothing outside this JVM needs them: the CLI
 * drives the MiniCluster in-process.
 */
public final class LocalCluster {
    /** The only address an embedded cluster listens on. */
    public static final String LOOPBACK = "127.0.0.1";

    private LocalCluster() { }

    /** A configuration with every bind address (REST, BLOB, RPC, task manager data and collect) on loopback. */
    public static Configuration loopbackConfiguration() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK); // the job manager's RPC and its BLOB server
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK); // RPC, netty shuffle and the collect sink's socket
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        return conf;
    }
}
