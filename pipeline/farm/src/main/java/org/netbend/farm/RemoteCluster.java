package org.netbend.farm;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The way every netbend topology reaches a Flink session cluster: an execution environment that submits through
 * the cluster's REST API and ships the job jar. The render job ({@link ClusterRender}) and a service job build
 * their topology on it the same way they would on an embedded MiniCluster.
 *
 * <p>The job graph's classes come from this process's class path and are loaded on the cluster from the job jar,
 * so both must be the same build; the JNI libraries come from the cluster's lib/ (see ARCHITECTURE.md).
 */
public final class RemoteCluster {
    /** Where the launcher and the deployment say the job jar is; the environment variable wins. */
    public static final String JOB_JAR_VARIABLE = "NETBEND_JOB_JAR";
    public static final String JOB_JAR_PROPERTY = "netbend.job.jar";
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

    private RemoteCluster() { }

    /** An environment on the cluster at {@code address}, after checking that it answers and that the jar exists. */
    public static StreamExecutionEnvironment environment(ClusterAddress address, Path jobJar) throws IOException {
        requireJar(jobJar);
        requireReachable(address);
        Configuration conf = new Configuration();
        // A cluster that stops answering mid-job fails the client in about a minute, not after Flink's default 20
        // retries of every request.
        conf.set(RestOptions.RETRY_MAX_ATTEMPTS, 5);
        conf.set(RestOptions.RETRY_DELAY, Duration.ofSeconds(2));
        return StreamExecutionEnvironment.createRemoteEnvironment(address.host(), address.port(), conf,
                jobJar.toAbsolutePath().toString());
    }

    /** The job jar: {@value #JOB_JAR_VARIABLE}, else the {@value #JOB_JAR_PROPERTY} system property. */
    public static Path jobJar(Map<String, String> environment) {
        String path = environment.get(JOB_JAR_VARIABLE);
        if (path == null || path.isBlank()) {
            path = System.getProperty(JOB_JAR_PROPERTY);
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("--cluster needs the job jar: build it with 'mvn package' "
                    + "(pipeline/service/target/netbend-job.jar) and set " + JOB_JAR_VARIABLE + " to it");
        }
        return Path.of(path);
    }

    static void requireJar(Path jobJar) {
        if (!Files.isRegularFile(jobJar) || !jobJar.getFileName().toString().endsWith(".jar")) {
            throw new IllegalArgumentException("job jar not found: " + jobJar
                    + " (build it with 'mvn package'; it is pipeline/service/target/netbend-job.jar)");
        }
    }

    /**
     * What to report for a job that failed on the cluster: {@link JobManagerLost} when the JobManager no longer
     * answers (the job went with it), else the failure itself.
     */
    static Exception lostOr(ClusterAddress address, Exception failure) {
        try {
            requireReachable(address);
            return failure;
        } catch (IOException gone) {
            return new JobManagerLost(address, failure);
        }
    }

    /** One clear line when nothing answers, instead of the REST client's minute of retries. */
    static void requireReachable(ClusterAddress address) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(REACH_TIMEOUT).build();
        HttpRequest overview = HttpRequest.newBuilder(address.restUri().resolve("/overview"))
                .timeout(REACH_TIMEOUT).GET().build();
        try {
            HttpResponse<Void> response = http.send(overview, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IOException("the Flink cluster at " + address + " answered " + response.statusCode()
                        + " to GET /overview; is " + address + " its REST address?");
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the Flink cluster")) {
                throw e;
            }
            throw new IOException("no Flink cluster answers at " + address.restUri() + " (" + e.getClass().getSimpleName()
                    + "); start one with deploy/standalone/cluster.sh start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reaching the Flink cluster at " + address, e);
        }
    }
}
