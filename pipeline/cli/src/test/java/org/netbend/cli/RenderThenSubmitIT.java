package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.DiffusionGenerator;
import org.netbend.farm.RunOptions;
import org.netbend.farm.TestAudio;
import org.netbend.service.EmbeddedBroker;
import org.netbend.service.KafkaSettings;
import org.netbend.service.ServedModels;
import org.netbend.service.ServiceConfig;
import org.netbend.service.ServiceTopology;
import org.netbend.service.Topics;

/**
 * One identity for the model on both paths, end to end through {@link Main}: {@code render} hashes its toy model's
 * files (its own cache), the real service (a KRaft broker, the service job on its own local MiniCluster, as
 * {@code serve} runs it) hashes its own copy and records the digest in the store, {@code submit} reads it there.
 * The same request is then the same job id, and the service finds every frame render left.
 */
class RenderThenSubmitIT {
    @TempDir static Path dir;
    private static EmbeddedBroker broker;
    private static JobClient service;
    private static Path store;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("kafka"), Topics.DEFAULT, 1);
        store = dir.resolve("store");
        RunOptions run = new RunOptions(store.toString(), 1, false, "cpu", 1, 1, dir.resolve("service-cache").toString());
        ServiceConfig config = ServiceConfig.defaults(new KafkaSettings(broker.bootstrapServers(), Topics.DEFAULT,
                Map.of()), run, "toy").withCheckpointInterval(Duration.ofMillis(500));
        // Its own local environment, not a test context, so render's embedded cluster can start beside it.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
        ServiceTopology.build(env, config, DiffusionGenerator.factory());
        service = env.executeAsync("netbend service (render then submit)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.cancel().get(60, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void renderThenSubmitOfOneTrackReusesEveryFrame() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(dir.resolve("reuse.wav"), 0.2, 0.3, 0.2);
        List<String> request = List.of(audio.toString(), "-p", "a glass forest", "--size", "64x64", "--steps", "3",
                "--fps", "10", "--bend", "rotate-r1@1=rms[0..pi]", "--store", store.toString(), "--model", "toy");
        CliRun render = CliRun.of(args("render", request, "-o", dir.resolve("reuse.mp4").toString(),
                "--cache", dir.resolve("render-cache").toString()));
        assertEquals(0, render.exitCode(), render.err());
        assertTrue(render.err().contains("netbend: bends (--bend): rotate"), "the bends it uses: " + render.err());
        String id = render.err().replaceAll("(?s).*netbend: job ([0-9a-f]{16}),.*", "$1");
        assertEquals(16, id.length(), render.err());
        Map<Path, FileTime> frames = frameTimes(id);
        assertEquals(7, frames.size(), "render's frames (0.7 s at 10 fps)");

        awaitModelRecord();
        CliRun submit = CliRun.of(args("submit", request, "--bootstrap", broker.bootstrapServers(), "--wait",
                "--timeout", "600"));
        assertEquals(0, submit.exitCode(), submit.err());
        assertEquals(id, submit.out().lines().findFirst().orElse(""), "submit's job id is render's: " + submit.out());
        assertEquals(frames, frameTimes(id), "every frame is render's, none rendered again");
    }

    private static String[] args(String command, List<String> request, String... more) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(request);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Map<Path, FileTime> frameTimes(String id) throws Exception {
        Map<Path, FileTime> times = new TreeMap<>();
        try (var files = Files.list(store.resolve("jobs").resolve(id).resolve("frames"))) {
            for (Path f : files.toList()) {
                times.put(f.getFileName(), Files.getLastModifiedTime(f));
            }
        }
        return times;
    }

    /** The service records its model's digest when its decode step opens, which may follow the job's start. */
    private static void awaitModelRecord() throws InterruptedException {
        Path record = store.resolve(ServedModels.key("toy"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(record)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 120 s for the service to record the toy model's digest at " + record);
            }
            Thread.sleep(100);
        }
    }
}
