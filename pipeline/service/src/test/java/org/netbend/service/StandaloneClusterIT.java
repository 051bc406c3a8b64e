package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.ClusterRender;
import org.netbend.farm.JobEvent;
import org.netbend.farm.JobRequest;
import org.netbend.farm.Jobs;
import org.netbend.farm.LocalRender;
import org.netbend.farm.RunOptions;
import org.netbend.farm.StoredFrames;
import org.netbend.farm.TestAudio;
import org.netbend.store.LocalStore;

/**
 * netbend on a real cluster of separate processes: a JobManager and two TaskManagers started from deploy/standalone
 * on loopback, the job jar submitted through the REST API. The render spreads its segments over both workers and
 * its frames are bit-identical to an embedded run; then one TaskManager is killed with SIGKILL mid-job and the job
 * completes on the survivor with every frame exactly once. Prints the timings it saw (they are not asserted).
 */
class StandaloneClusterIT {
    private static final Duration START_DEADLINE = Duration.ofSeconds(240);
    private static final String SURVIVOR = "tm-a";
    private static final String VICTIM = "tm-b";

    @TempDir Path temp;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES) // a guard against a hang, far above the ~2 minutes it takes
    void rendersOnTwoTaskManagersAndFinishesOnTheSurvivorAfterAKill() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("track.wav"), 1.0, 2.0, 1.0);
        Path models = temp.resolve("models"); // shared by every process: the toy model is generated once
        Path referenceDir = temp.resolve("reference");
        try (LocalStore reference = new LocalStore(referenceDir)) {
            JobRequest request = request(reference, audio);
            int frames = (int) Math.ceil(4.0 * request.fps());

            Run local = Run.timed(referenceDir, request, () ->
                    LocalRender.run(request, options(referenceDir, models), event -> { }));

            Path jobJar = Path.of(System.getProperty("netbend.job.jar"));
            Path standalone = Path.of(System.getProperty("netbend.standalone.dir"));
            try (StandaloneCluster cluster = new StandaloneCluster(standalone, processFolders(), Map.of(
                    "taskmanager.memory.process.size", "1400m", "jobmanager.memory.process.size", "900m"))) {
                long launched = System.nanoTime();
                cluster.startJobManager();
                cluster.startTaskManager(SURVIVOR);
                cluster.startTaskManager(VICTIM);
                cluster.awaitTaskManagers(Set.of(SURVIVOR, VICTIM), START_DEADLINE);
                double startSeconds = (System.nanoTime() - launched) / 1e9;

                // 1. Both workers render; the frames are the embedded run's, bit for bit.
                Path spreadDir = withAudio(temp.resolve("spread"), request, audio);
                List<JobEvent> spreadEvents = new CopyOnWriteArrayList<>();
                Run spread = Run.timed(spreadDir, request, () -> ClusterRender.run(cluster.address(), jobJar,
                        request, options(spreadDir, models), spreadEvents::add));
                assertEquals(Set.of(SURVIVOR, VICTIM), renderers(spreadEvents),
                        "SEGMENT events name the TaskManagers that rendered them");
                try (LocalStore store = new LocalStore(spreadDir)) {
                    StoredFrames.assertComplete(reference, store, request.jobId(), frames, temp);
                }

                // 2. kill -9 of one worker once both have finished a segment; the job completes on the other.
                Path killDir = withAudio(temp.resolve("kill"), request, audio);
                KillOnSpread kill = new KillOnSpread(cluster, segments(frames, request));
                JobStates states = JobStates.watch(cluster, "netbend " + request.jobId());
                Run survived;
                try {
                    survived = Run.timed(killDir, request, () -> ClusterRender.run(cluster.address(), jobJar,
                            request, options(killDir, models), kill));
                } finally {
                    states.close();
                }
                assertTrue(kill.killedAtNanos > 0, "the victim was killed during the job");
                assertTrue(kill.segmentsDoneBeforeKill.size() < segments(frames, request),
                        "the kill came mid-job: segments done before it " + kill.segmentsDoneBeforeKill);
                assertTrue(kill.segmentsAfterKillBy(SURVIVOR) > 0, "the survivor rendered segments after the kill");
                try (LocalStore store = new LocalStore(killDir)) {
                    StoredFrames.assertComplete(reference, store, request.jobId(), frames, temp);
                }

                System.out.printf(Locale.ROOT, "%nStandalone cluster (1 JobManager, 2 TaskManagers x 1 slot), %d frames:%n"
                                + "  cluster start (launch to both TaskManagers registered): %.1f s%n"
                                + "  embedded MiniCluster, 2 slots: %s%n  cluster, 2 TaskManagers: %s%n"
                                + "  cluster with tm-b killed: %s%n  after the kill: %s%n",
                        frames, startSeconds, local, spread, survived, states.describeSince(kill.killedAtNanos));
            }
        }
    }

    /** txt2img, 40 frames in 10 segments; large enough that a segment takes longer than collecting its events. */
    private static JobRequest request(LocalStore store, Path audio) throws Exception {
        JobRequest small = Jobs.txt2img(store, audio, List.of("rotate-r1@20=rms[0..2pi]"), 4);
        return new JobRequest(small.schemaVersion(), small.audioKey(), small.audioName(), small.prompts(),
                small.negativePrompt(), small.promptInterpolation(), small.bends(), small.fps(), small.steps(),
                small.guidance(), small.seed(), 192, 192, small.scheduler(), small.method(), small.strength(),
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

    private static int segments(int frames, JobRequest request) {
        return (frames + request.segmentLength() - 1) / request.segmentLength();
    }

    private static RunOptions options(Path store, Path models) {
        return new RunOptions(store.toString(), 2, false, "cpu", 1, 1, models.toString());
    }

    private static Set<String> renderers(List<JobEvent> events) {
        Set<String> names = new TreeSet<>();
        events.stream().filter(e -> e.kind() == JobEvent.Kind.SEGMENT).forEach(e -> names.add(e.taskManager()));
        return names;
    }

    /** Kills the victim the first time both workers have reported a finished segment. */
    private static final class KillOnSpread implements java.util.function.Consumer<JobEvent> {
        private final StandaloneCluster cluster;
        private final int segments;
        private final Set<String> seen = new TreeSet<>();
        final Set<Integer> segmentsDoneBeforeKill = new TreeSet<>();
        private final List<JobEvent> afterKill = new CopyOnWriteArrayList<>();
        volatile long killedAtNanos;

        KillOnSpread(StandaloneCluster cluster, int segments) {
            this.cluster = cluster;
            this.segments = segments;
        }

        @Override
        public void accept(JobEvent event) {
            if (event.kind() != JobEvent.Kind.SEGMENT) {
                return;
            }
            if (killedAtNanos > 0) {
                afterKill.add(event);
                return;
            }
            seen.add(event.taskManager());
            segmentsDoneBeforeKill.add(event.segment());
            if (seen.containsAll(Set.of(SURVIVOR, VICTIM)) && segmentsDoneBeforeKill.size() < segments) {
                try {
                    cluster.kill(VICTIM);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                killedAtNanos = System.nanoTime();
            }
        }

        long segmentsAfterKillBy(String taskManager) {
            return afterKill.stream().filter(e -> e.taskManager().equals(taskManager)
                    && !segmentsDoneBeforeKill.contains(e.segment())).count();
        }
    }
}
