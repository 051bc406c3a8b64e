package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.ClusterRender;
import org.netbend.farm.JobManagerLost;
import org.netbend.farm.Jobs;
import org.netbend.farm.LocalRender;
import org.netbend.farm.RunOptions;
import org.netbend.farm.StoredFrames;
import org.netbend.farm.TestAudio;
import org.netbend.job.AudioKeys;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.netbend.job.Submission;
import org.netbend.service.client.JobClient;
import org.netbend.service.client.Submitted;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/**
 * netbend on a real cluster of separate processes: a JobManager and two TaskManagers started from deploy/standalone
 * on loopback, the job jar submitted through the REST API. One cluster start serves three steps, in order: the
 * render spreads its segments over both workers and its frames are bit-identical to an embedded run; the Kafka
 * service job, submitted as {@code netbend serve --cluster} submits it, renders a request sent with the client and
 * answers DONE on the results topic; then one TaskManager is killed with SIGKILL mid-job and the render completes
 * on the survivor with every frame exactly once; a second cluster started with deploy/standalone/cluster.sh on the
 * same ports refuses, naming the port and its owner, and leaves the first alone; last, the JobManager is killed
 * mid-job: the client says it is gone and to run the same command again, which, on a JobManager started again,
 * resumes from the stored frames. Prints the timings it saw (they are not asserted).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
    private static final Duration START_DEADLINE = Duration.ofSeconds(240);
    private static final Duration SERVICE_DEADLINE = Duration.ofMinutes(5);
    private static final Duration CANCEL_DEADLINE = Duration.ofSeconds(60);
    private static final String SURVIVOR = "tm-a";
    private static final String VICTIM = "tm-b";

    @TempDir static Path temp;
    private static StandaloneCluster cluster;
    private static Path jobJar;
    private static Path audio;
    private static Path models; // shared by every process: the toy model is generated once
    private static Path referenceDir;
    private static JobRequest request;
    private static int frames;
    private static final List<String> timings = new ArrayList<>();

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES) // a guard against a hang, far above the ~1 minute it takes
    static void startClusterAndRenderTheReference() throws Exception {
        audio = TestAudio.silenceBurstSilence(temp.resolve("track.wav"), 1.0, 2.0, 1.0);
        models = temp.resolve("models");
        referenceDir = temp.resolve("reference");
        try (LocalStore reference = new LocalStore(referenceDir)) {
            request = request(reference, audio);
        }
        frames = (int) Math.ceil(4.0 * request.fps());
        jobJar = Path.of(System.getProperty("netbend.job.jar"));
        Path standalone = Path.of(System.getProperty("netbend.standalone.dir"));
        cluster = new StandaloneCluster(standalone, processFolders(), Map.of(
                "taskmanager.memory.process.size", "1400m", "jobmanager.memory.process.size", "900m"));
        // One process at a time: Pekko gives its remoting 10 s to start (a setting Flink does not pass on), which
        // JVMs starting side by side on a busy 2-core machine can miss.
        long launched = System.nanoTime();
        cluster.startJobManager();
        cluster.awaitJobManager(START_DEADLINE);
        cluster.startTaskManager(SURVIVOR);
        cluster.awaitTaskManagers(Set.of(SURVIVOR), START_DEADLINE);
        cluster.startTaskManager(VICTIM);
        cluster.awaitTaskManagers(Set.of(SURVIVOR, VICTIM), START_DEADLINE);
        timings.add(String.format(Locale.ROOT, "cluster start (one process after the other, to both TaskManagers "
                + "registered): %.1f s", (System.nanoTime() - launched) / 1e9));
        Run local = Run.timed(referenceDir, request, () ->
                LocalRender.run(request, options(referenceDir), event -> { }));
        timings.add("embedded MiniCluster, 2 slots: " + local);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        System.out.printf(Locale.ROOT, "%nStandalone cluster (1 JobManager, 2 TaskManagers x 1 slot), %d frames:%n  %s%n",
                frames, String.join(String.format("%n  "), timings));
    }

    /** 1. Both workers render; the frames are the embedded run's, bit for bit. */
    @Test
    @Order(1)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void rendersOnBothTaskManagersBitIdenticalToAnEmbeddedRun() throws Exception {
        Path spreadDir = withAudio(temp.resolve("spread"), request, audio);
        List<JobEvent> spreadEvents = new CopyOnWriteArrayList<>();
        Run spread = Run.timed(spreadDir, request, () -> ClusterRender.run(cluster.address(), jobJar,
                request, options(spreadDir), spreadEvents::add));
        timings.add("cluster, 2 TaskManagers: " + spread);
        assertEquals(Set.of(SURVIVOR, VICTIM), renderers(spreadEvents),
                "SEGMENT events name the TaskManagers that rendered them");
        assertLikeTheEmbeddedRun(spreadDir);
    }

    /**
     * 1b. An autoencoder(6) code trains in PLAN on the cluster, with DJL and libtorch from Flink's lib/ (the job jar
     * leaves them out): the stored encoder and every frame equal the embedded run's, bit for bit.
     */
    @Test
    @Order(1)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void trainsAnAutoencoderCodeOnTheCluster() throws Exception {
        JobRequest coded;
        Path embeddedDir = temp.resolve("autoencoder-embedded");
        try (LocalStore store = new LocalStore(embeddedDir)) {
            JobRequest base = request(store, audio);
            coded = new JobRequest(base.schemaVersion(), base.audioKey(), base.audioName(), base.prompts(),
                    base.negativePrompt(), base.promptInterpolation(), List.of("code-matrix@20=code(0..5)"),
                    base.fps(), base.steps(), base.guidance(), base.seed(), base.width(), base.height(),
                    base.scheduler(), base.method(), base.strength(), base.chainOverlap(), base.walk(),
                    base.walkLength(), base.walkWeight(), base.walkFrames(), base.model(), base.segmentLength())
                    .withCodes("autoencoder(6)").validated();
        }
        Run embedded = Run.timed(embeddedDir, coded, () -> LocalRender.run(coded, options(embeddedDir), e -> { }));
        Path clusterDir = withAudio(temp.resolve("autoencoder-cluster"), coded, audio);
        Run onCluster = Run.timed(clusterDir, coded, () -> ClusterRender.run(cluster.address(), jobJar, coded,
                options(clusterDir), e -> { }));
        timings.add("autoencoder(6) code-matrix job: embedded " + embedded + "; cluster " + onCluster);
        String encoder = new JobKeys(coded.jobId()).features().replace("features.json", "encoder.json");
        try (LocalStore reference = new LocalStore(embeddedDir); LocalStore store = new LocalStore(clusterDir)) {
            assertTrue(reference.get(encoder).orElseThrow().length > 1000, "the embedded run stored its encoder");
            assertEquals(new String(reference.get(encoder).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8),
                    new String(store.get(encoder).orElseThrow(() -> new AssertionError("no " + encoder
                            + " from the cluster")), java.nio.charset.StandardCharsets.UTF_8),
                    "the cluster trained the same weights");
            StoredFrames.assertComplete(reference, store, coded.jobId(), frames, temp);
        }
    }

    /**
     * 2. The service on the cluster: submitted through {@link ClusterService} with settings made as serve makes
     * them, fed by a real KRaft broker in this JVM; a request sent with the client is DONE (read committed), and
     * the video and frames in the shared folder store are the embedded run's. The job is cancelled through the
     * REST API before the next step.
     */
    @Test
    @Order(2)
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void servesARequestFromKafkaOnTheCluster() throws Exception {
        Path serviceDir = withAudio(temp.resolve("service"), request, audio);
        try (EmbeddedBroker broker = EmbeddedBroker.start(temp.resolve("kafka"), Topics.DEFAULT, 1)) {
            // What `netbend serve --cluster ... --bootstrap ... --store DIR --model toy --cache DIR --parallelism 2`
            // hands to ServiceSettings, with a short checkpoint interval so the result is committed soon.
            ServiceConfig config = ServiceSettings.load(null, Map.of(), Map.of(
                    ServiceSettings.BOOTSTRAP, broker.bootstrapServers(), "store", serviceDir.toString(),
                    "model", "toy", "cache", temp.toString(), "parallelism", "2", "threads", "1",
                    "checkpoint.interval", "PT1S",
                    "kafka.client.compression.type", "zstd")); // zstd-jni must be in the cluster's lib/
            long submitted = System.nanoTime();
            String serviceJob = ClusterService.submit(cluster.address(), jobJar, config).toHexString();
            JobResult result;
            try (JobClient client = new JobClient(config.kafka())) {
                Submitted sent = client.submit(new Submission(request.jobId(), 1, null, request), SERVICE_DEADLINE);
                // Its timeout names the job, the topic and the last progress seen.
                result = client.watch(sent, event -> { }, SERVICE_DEADLINE);
            } finally {
                cluster.cancel(serviceJob, CANCEL_DEADLINE);
            }
            timings.add(String.format(Locale.ROOT, "service job on the cluster: submit to DONE (read committed) %.1f s",
                    (System.nanoTime() - submitted) / 1e9));
            assertEquals(JobState.DONE, result.state(), "the service's answer: " + result);
            assertEquals(frames, result.frames(), "frames in the DONE result");
            assertEquals(new JobKeys(request.jobId()).video(), result.videoKey());
        }
        assertLikeTheEmbeddedRun(serviceDir);
    }

    /** 3. kill -9 of one worker as soon as the job has stored its first frames; it completes on the other. */
    @Test
    @Order(3)
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void finishesOnTheSurvivorAfterATaskManagerIsKilled() throws Exception {
        Path killDir = withAudio(temp.resolve("kill"), request, audio);
        JobStates states = JobStates.watch(cluster, "netbend " + request.jobId());
        Run survived;
        try (KillAtFirstFrames kill = KillAtFirstFrames.watch(cluster, VICTIM,
                killDir.resolve(new JobKeys(request.jobId()).framesPrefix()))) {
            survived = Run.timed(killDir, request, () -> ClusterRender.run(cluster.address(), jobJar,
                    request, options(killDir), kill::record));
            kill.close();
            assertTrue(kill.killedAtNanos() > 0, "the victim was killed during the job");
            assertTrue(kill.framesStoredAtKill() < frames, "the kill came mid-job: "
                    + kill.framesStoredAtKill() + " of " + frames + " frames were stored");
            assertTrue(kill.renderedAfterKill(SURVIVOR) > 0,
                    "the survivor rendered segments after the kill");
            timings.add("cluster with tm-b killed: " + survived);
            timings.add("after the kill (" + kill.framesStoredAtKill() + " frames stored then): "
                    + states.describeSince(kill.killedAtNanos()));
        } finally {
            states.close();
        }
        assertLikeTheEmbeddedRun(killDir);
    }

    /**
     * 4. A second cluster on the same machine and ports: cluster.sh refuses before it starts anything, with one
     * line that names the port and the JobManager that holds it; the first cluster keeps its processes and
     * TaskManagers.
     */
    @Test
    @Order(4)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aSecondClusterOnTheSamePortsRefusesAndLeavesTheFirstAlone() throws Exception {
        Set<String> before = cluster.taskManagers();
        Path second = temp.resolve("second-cluster");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("netbend.standalone.dir"), "cluster.sh").toString(), "start", "--taskmanagers", "1"));
        for (String key : List.of("rest.port", "jobmanager.rpc.port", "blob.server.port")) {
            command.addAll(List.of("-D", key + "=" + cluster.setting(key)));
        }
        List<String> output = clusterSh(second, command);
        assertEquals(1, output.size(), "one line: " + output);
        assertTrue(output.get(0).startsWith("cluster.sh: port " + cluster.setting("rest.port") + " (rest.port) on 127.0.0.1 "
                + "is taken by pid " + cluster.pid("jobmanager") + ", a Flink process logging to "
                + cluster.log("jobmanager")), output.get(0));
        assertTrue(Files.notExists(second.resolve("pid")), "the second start launched nothing");

        // Ports the check cannot hold (0: Flink picks a free one) and a REST address that names the first cluster:
        // the second JobManager starts, but the REST API that answers is the first cluster's. The second start sees
        // that the JobManager answering is not its own, and stops what it launched.
        String rest = cluster.setting("rest.port");
        List<String> sharing = new ArrayList<>(command.subList(0, 4));
        sharing.addAll(List.of("-D", "rest.port=" + rest, "-D", "rest.bind-port=0", "-D", "jobmanager.rpc.port=0",
                "-D", "blob.server.port=0"));
        List<String> refused = clusterSh(second, sharing);
        assertTrue(refused.get(refused.size() - 1).startsWith("cluster.sh: the JobManager at http://127.0.0.1:" + rest
                + " is not the one this folder started (port owner: pid " + cluster.pid("jobmanager")), refused.toString());
        assertTrue(refused.stream().noneMatch(line -> line.startsWith("started taskmanager")), "no TaskManager joined it");
        assertEquals(List.of(), pidFiles(second.resolve("pid")), "the second start stopped what it launched");

        assertEquals(before, cluster.taskManagers(), "the first cluster keeps its TaskManagers");
        assertTrue(cluster.get("/overview") != null, "the first cluster's JobManager answers");
    }

    /** Runs cluster.sh with its cluster folder; it must fail (exit 1) within a minute. Its output lines. */
    private static List<String> clusterSh(Path folder, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NETBEND_CLUSTER_DIR", folder.toString());
        Process start = builder.start();
        assertTrue(start.waitFor(60, TimeUnit.SECONDS), "cluster.sh " + command + " did not end within 60 s");
        List<String> output = new String(start.getInputStream().readAllBytes()).lines().toList();
        assertEquals(1, start.exitValue(), String.join("\n", output));
        return output;
    }

    private static List<Path> pidFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    /**
     * 5. The JobManager is killed with SIGKILL as soon as the job has stored its first frames. A standalone cluster
     * has no HA, so the job goes with it: the client says so in one line and what to do. Run again on a JobManager
     * started again (the TaskManager registers with it), the same command resumes from the stored frames.
     */
    @Test
    @Order(5)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aLostJobManagerIsNamedAndTheSameCommandResumesFromTheStore() throws Exception {
        Path lostDir = withAudio(temp.resolve("lost"), request, audio);
        Exception failure;
        try (KillAtFirstFrames kill = KillAtFirstFrames.watch(cluster, "jobmanager",
                lostDir.resolve(new JobKeys(request.jobId()).framesPrefix()))) {
            failure = assertThrows(Exception.class, () -> ClusterRender.run(cluster.address(), jobJar, request,
                    options(lostDir), event -> { }));
            kill.close();
            assertTrue(kill.killedAtNanos() > 0, "the JobManager was killed during the job");
            timings.add(String.format(Locale.ROOT, "JobManager killed (%d frames stored): the client reported it after %.1f s",
                    kill.framesStoredAtKill(), (System.nanoTime() - kill.killedAtNanos()) / 1e9));
        }
        assertInstanceOf(JobManagerLost.class, failure, () -> "not reported as a lost JobManager: " + failure);
        assertEquals("the JobManager at " + cluster.address() + " is gone; frames are in the store: run the same "
                + "command again to resume", failure.getMessage());

        cluster.startJobManager();
        cluster.awaitJobManager(START_DEADLINE);
        cluster.awaitTaskManagers(Set.of(SURVIVOR), START_DEADLINE);
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        Run again = Run.timed(lostDir, request, () -> ClusterRender.run(cluster.address(), jobJar, request,
                options(lostDir), events::add));
        timings.add("the same command again, on a new JobManager: " + again);
        assertTrue(events.stream().anyMatch(e -> e.kind() == JobEvent.Kind.SEGMENT && e.resumed()),
                "the run again resumed segments from the store");
        assertLikeTheEmbeddedRun(lostDir);
    }

    /** Frames 0..39 stored once each, bit-identical to the embedded run's; the video has 40 frames and audio. */
    private static void assertLikeTheEmbeddedRun(Path storeDir) throws Exception {
        try (LocalStore reference = new LocalStore(referenceDir); LocalStore store = new LocalStore(storeDir)) {
            StoredFrames.assertComplete(reference, store, request.jobId(), frames, temp);
        }
    }

    /** txt2img, 40 frames in 10 segments, small frames; the audio under its content address, as the service wants. */
    private static JobRequest request(LocalStore store, Path audio) throws Exception {
        JobRequest small = Jobs.txt2img(store, audio, List.of("rotate-r1@20=rms[0..2pi]"), 4);
        String audioKey = AudioKeys.of(audio);
        store.putFile(audioKey, audio);
        return new JobRequest(small.schemaVersion(), audioKey, small.audioName(), small.prompts(),
                small.negativePrompt(), small.promptInterpolation(), small.bends(), small.fps(), small.steps(),
                small.guidance(), small.seed(), 128, 128, small.scheduler(), small.method(), small.strength(),
                small.chainOverlap(), small.walk(), small.walkLength(), small.walkWeight(), small.walkFrames(),
                small.model(), small.segmentLength()).validated();
    }

    /** The processes' folders (logs, temp files) stay in target/ after the test, for a look after a failure. */
    private static Path processFolders() throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("netbend.it.work", "target/cluster-it"),
                "run-" + System.currentTimeMillis()));
    }

    /** A new folder store holding the request's audio, as the client would have uploaded it. */
    private static Path withAudio(Path dir, JobRequest request, Path audio) throws Exception {
        try (LocalStore store = new LocalStore(dir)) {
            store.putFile(request.audioKey(), audio);
        }
        return dir;
    }

    private static RunOptions options(Path store) {
        return new RunOptions(store.toString(), 2, false, "cpu", 1, 1, models.toString());
    }

    private static Set<String> renderers(List<JobEvent> events) {
        Set<String> names = new TreeSet<>();
        events.stream().filter(e -> e.kind() == JobEvent.Kind.SEGMENT).forEach(e -> names.add(e.taskManager()));
        return names;
    }

}
