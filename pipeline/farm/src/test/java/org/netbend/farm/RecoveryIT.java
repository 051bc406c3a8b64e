package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;
import org.netbend.store.S3ProxyServer;

/**
 * The farm's faults on a MiniCluster: a task that dies mid-segment, the S3 server gone for seconds, a restart
 * from a checkpoint. After each the job completes, no frame is missing or duplicated, and every frame is
 * bit-identical to an unfaulted run of the same request.
 */
class RecoveryIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir static Path shared;
    @TempDir Path temp;

    private static Path audio;
    private static LocalStore reference;
    private static JobRequest chain;       // img2img, 30 frames in 6 segments
    private static JobRequest independent; // txt2img, 30 frames in 10 segments

    @BeforeAll
    static void renderReferences() throws Exception {
        audio = TestAudio.silenceBurstSilence(shared.resolve("track.wav"), 0.8, 1.0, 1.2);
        reference = new LocalStore(shared.resolve("reference"));
        chain = Jobs.img2img(reference, audio, List.of("add@3=rms[0..2]"), 5, 2);
        independent = Jobs.txt2img(reference, audio, List.of("rotate-r1@4=rms[0..2pi]"), 3);
        RunOptions options = Jobs.options(shared.resolve("reference"), shared.resolve("cache"), 2, false);
        LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), chain, options, e -> { });
        LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), independent, options, e -> { });
    }

    @AfterAll
    static void closeReference() {
        reference.close();
    }

    @Test
    void taskFailingMidSegmentIsRetriedAndTheChainResumesFromTheStore() throws Exception {
        Path marker = temp.resolve("fault-fired");
        StreamExecutionEnvironment env = restartingEnvironment();
        // The collect sink that brings events to the client survives a restart only with checkpointing on.
        env.enableCheckpointing(300, CheckpointingMode.AT_LEAST_ONCE);
        Path storeDir = temp.resolve("store");
        try (ObjectStore store = new LocalStore(storeDir)) {
            Jobs.img2img(store, audio, chain.bends(), 5, 2);
            // Frame 12 is the third frame of segment 2: frames 10 and 11 are stored when the task dies.
            JobEvent done = LocalRender.runOn(env, chain, Jobs.options(storeDir, shared.resolve("cache"), 2, false),
                    FaultyGenerators.failOnce(12, marker, 0), e -> { });
            assertTrue(Files.exists(marker), "the fault must have fired");
            assertEquals(30, done.totalFrames());
            StoredFrames.assertComplete(reference, store, chain.jobId(), 30, temp);
        }
    }

    @Test
    void s3ServerUnreachableForSecondsIsRiddenOutByRetries() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            AtomicLong outageEnd = new AtomicLong();
            FaultyGenerators.HOOKS.put("s3-outage", () -> {
                try {
                    s3.stop();
                    outageEnd.set(System.nanoTime() + Duration.ofSeconds(3).toNanos());
                    Thread restarter = new Thread(() -> {
                        try {
                            Thread.sleep(3000);
                            s3.restart();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    restarter.start();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            RunOptions options = new RunOptions("s3://renders/album", 2, false, "cpu", 1, 1,
                    shared.resolve("cache").toString()).withStoreSettings(s3.environment());
            try (ObjectStore store = options.openStore()) {
                JobRequest request = Jobs.txt2img(store, audio, independent.bends(), 3);
                assertEquals(independent.jobId(), request.jobId(), "the job id does not depend on the store");
                // No restart strategy: only the stores' retries can carry the job through the outage.
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                env.configure(noRestarts());
                JobEvent done = LocalRender.runOn(env, request, options,
                        FaultyGenerators.callOnce(13, "s3-outage", temp.resolve("outage-fired")), e -> { });
                long finished = System.nanoTime();
                assertTrue(outageEnd.get() > 0, "the outage must have happened during the job");
                assertTrue(finished > outageEnd.get(), "the job finished after the server came back");
                assertEquals(30, done.totalFrames());
                StoredFrames.assertComplete(reference, store, request.jobId(), 30, temp);
            }
        } finally {
            FaultyGenerators.HOOKS.remove("s3-outage");
        }
    }

    /**
     * A restart restores a checkpoint taken while segments were queued and rendering. The requests come from an
     * unbounded stream, as in service mode: with a bounded source Flink ends the input right after the request,
     * and an operator's end of input drains its queue before any later checkpoint (see ARCHITECTURE.md).
     */
    @Test
    void restartFromACheckpointTakenMidJobRestoresTheQueuedSegments(
            @InjectClusterClient ClusterClient<?> client) throws Exception {
        Path marker = temp.resolve("fault-fired");
        String jobName = "netbend service " + independent.jobId();
        // The fault waits until the running job has completed a checkpoint, so the restart must restore it.
        FaultyGenerators.HOOKS.put("await-checkpoint", () -> awaitCompletedCheckpoint(client, jobName));
        StreamExecutionEnvironment env = restartingEnvironment();
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
        Path storeDir = temp.resolve("store");
        try (ObjectStore store = new LocalStore(storeDir)) {
            Jobs.txt2img(store, audio, independent.bends(), 3);
            String json = independent.toJson();
            // One request, then an idle tick every 200 ms that never ends, like a Kafka topic.
            REQUESTS_READ.set(0);
            DataStream<String> requests = env.fromSource(new DataGeneratorSource<>(i -> request(i, json),
                            Long.MAX_VALUE, RateLimiterStrategy.perSecond(5), Types.STRING),
                            WatermarkStrategy.noWatermarks(), "requests")
                    .filter(text -> !text.isEmpty());
            // Frame 25 is in segment 8 of 10: when it fails, segments are queued, running and done.
            DataStream<JobEvent> events = RenderTopology.build(requests,
                    Jobs.options(storeDir, shared.resolve("cache"), 2, false),
                    FaultyGenerators.failOnceAfter(25, "await-checkpoint", marker));
            JobEvent done = null;
            try (CloseableIterator<JobEvent> it = events.executeAndCollect(jobName)) {
                while (done == null && it.hasNext()) {
                    JobEvent event = it.next();
                    done = event.kind() == JobEvent.Kind.DONE ? event : null;
                }
            } // closing the iterator cancels the never-ending job
            assertTrue(done != null, "the job must report DONE");
            assertTrue(Files.exists(marker), "the fault must have fired");
            assertEquals(30, done.framesDone());
            StoredFrames.assertComplete(reference, store, independent.jobId(), 30, temp);

            JsonNode checkpoints = checkpointStats(client, jobName, false);
            assertTrue(checkpoints.path("counts").path("completed").asLong() >= 1, checkpoints.toString());
            // Restored from the checkpoint, the source did not read the request again and PLAN did not run again:
            // the segments that were queued or rendering came back from RENDER's checkpointed queue.
            assertEquals(1, REQUESTS_READ.get(), "the request was read once: the restart restored a checkpoint");
        } finally {
            FaultyGenerators.HOOKS.remove("await-checkpoint");
        }
    }

    /** How often the never-ending request source produced the request (its element 0). */
    private static final AtomicInteger REQUESTS_READ = new AtomicInteger();

    private static String request(long index, String json) {
        if (index == 0) {
            REQUESTS_READ.incrementAndGet();
            return json;
        }
        return "";
    }

    private static void awaitCompletedCheckpoint(ClusterClient<?> client, String jobName) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode stats = checkpointStats(client, jobName, true);
                if (stats != null && stats.path("counts").path("completed").asLong() >= 1) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no checkpoint of " + jobName + " completed within 60 s");
    }

    private static StreamExecutionEnvironment restartingEnvironment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        env.configure(conf);
        return env;
    }

    private static Configuration noRestarts() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    /** The checkpoint statistics of the named job (the running one if asked), from the MiniCluster's REST API. */
    private static JsonNode checkpointStats(ClusterClient<?> client, String jobName, boolean running)
            throws Exception {
        JobID id = null;
        for (JobStatusMessage job : client.listJobs().get()) {
            if (job.getJobName().equals(jobName) && (!running || !job.getJobState().isGloballyTerminalState())) {
                id = job.getJobId();
            }
        }
        if (running && id == null) {
            return null;
        }
        assertTrue(id != null, "job " + jobName + " is known to the cluster");
        String url = client.getWebInterfaceURL() + "/jobs/" + id + "/checkpoints";
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }
}
