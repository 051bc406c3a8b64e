package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.assemble.Chapter;
import org.netbend.assemble.Chapters;
import org.netbend.assemble.VideoProbe;
import org.netbend.farm.DiffusionGenerator;
import org.netbend.farm.RunOptions;
import org.netbend.farm.TestAudio;
import org.netbend.service.EmbeddedBroker;
import org.netbend.service.KafkaSettings;
import org.netbend.service.ServiceConfig;
import org.netbend.service.ServiceTopology;
import org.netbend.service.Topics;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/**
 * `netbend submit --wait` end to end through {@link Main}: a real KRaft broker, the real service job on a
 * MiniCluster with the toy model, a folder store. The client uploads the track, sends the request, follows the
 * progress and exits 0 on the one DONE result; the video is in the store. An album (a folder) sends one request
 * per track and follows them all to DONE.
 */
class SubmitWaitIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir static Path dir;
    private static EmbeddedBroker broker;
    private static JobClient service;
    private static Path store;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("kafka"), Topics.DEFAULT, 1);
        store = dir.resolve("store");
        RunOptions run = new RunOptions(store.toString(), 1, false, "cpu", 1, 1, dir.resolve("cache").toString());
        ServiceConfig config = ServiceConfig.defaults(new KafkaSettings(broker.bootstrapServers(), Topics.DEFAULT,
                Map.of()), run, "toy").withCheckpointInterval(Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ServiceTopology.build(env, config, DiffusionGenerator.factory());
        service = env.executeAsync("netbend service (submit --wait)");
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
    void submitWaitFollowsTheJobToItsVideo() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(dir.resolve("burst.wav"), 0.3, 0.4, 0.3);
        CliRun run = CliRun.of("submit", audio.toString(), "-p", "3D mesh geometry", "--size", "64x64", "--steps", "5",
                "--fps", "10", "--bend", "add@2=rms[0..2]", "--job-id", "cli-e2e", "--store", store.toString(),
                "--bootstrap", broker.bootstrapServers(), "--model", "toy", "--wait", "--timeout", "600");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue((run.out() + run.err()).contains("DONE"), run.out() + run.err());
        try (LocalStore objects = new LocalStore(store)) {
            assertTrue(objects.exists(new JobKeys("cli-e2e").video()), "the video is in the store");
            assertEquals(10, objects.list(new JobKeys("cli-e2e").framesPrefix()).size());
        }
    }

    @Test
    void submitWaitOfAFolderFollowsEveryTrackToDoneAndJoinsTheAlbum() throws Exception {
        Path album = Files.createDirectories(dir.resolve("album"));
        TestAudio.silenceBurstSilence(album.resolve("1 first.wav"), 0.1, 0.2, 0.1);
        TestAudio.silenceBurstSilence(album.resolve("2 second.wav"), 0.2, 0.1, 0.0);
        Path albumVideo = dir.resolve("album.mp4");
        CliRun run = CliRun.of("submit", album.toString(), "-p", "3D mesh geometry", "--size", "64x64", "--steps", "3",
                "--fps", "10", "--store", store.toString(), "--bootstrap", broker.bootstrapServers(), "--model", "toy",
                "--wait", "--timeout", "600", "--album-video", albumVideo.toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String> ids = run.out().lines().limit(2).toList();
        try (LocalStore objects = new LocalStore(store)) {
            for (String id : ids) {
                assertTrue(run.out().contains("job " + id + " DONE"), run.out());
                assertTrue(objects.exists(new JobKeys(id).video()), "the video of " + id + " is in the store");
            }
        }
        assertTrue(run.err().contains("track 1/2 1 first: DONE") && run.err().contains("track 2/2 2 second: DONE"),
                run.err());
        assertEquals(4 + 3, VideoProbe.probe(albumVideo).frameCount());
        assertEquals(List.of("1 first", "2 second"), Chapters.read(albumVideo).stream().map(Chapter::title).toList());
    }
}
