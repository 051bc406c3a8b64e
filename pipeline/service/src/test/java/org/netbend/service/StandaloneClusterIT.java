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
import org.netbend.farm.Jobs;
import org.netbend.farm.LocalRender;
import org.netbend.farm.RunOptions;
import org.netbend.farm.StoredFrames;
import org.netbend.farm.TestAudio;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.JobKeys;
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

            Path jobJar = Path.of(System.getProperty("netbend.job.jar"));
            Path standalone = Path.of(System.getProperty("netbend.standalone.dir"));
            try (StandaloneCluster cluster = new StandaloneCluster(standalone, processFolders(), Map.of(
                    "taskmanager.memory.process.size", "1400m", "jobmanager.memory.process.size", "900m"))) {
                // One process at a time: Pekko gives its remoting 10 s to start (a setting Flink does not pass
                // on), which JVMs starting side by side on a busy 2-core machine can miss.
                long launched = System.nanoTime();
                cluster.startJobManager();
                cluster.awaitJobManager(START_DEADLINE);
                cluster.startTaskManager(SURVIVOR);
                cluster.awaitTaskManagers(Set.of(SURVIVOR), START_DEADLINE);
                cluster.startTaskManager(VICTIM);
                cluster.awaitTaskManagers(Set.of(SURVIVOR, VICTIM), START_DEADLINE);
                double startSeconds = (System.nanoTime() - launched) / 1e9;
                Run local = Run.timed(referenceDir, request, () ->
                        LocalRender.run(request, options(referenceDir, models), event -> { }));

                // 1. Both workers render; the frames are the embedded run's, bit for bit.
                String recovery;
                int framesAtKill;
                Path spreadDir = withAudio(temp.resolve("spread"), request, audio);
                List<JobEvent> spreadEvents = new CopyOnWriteArrayList<>();
                Run spread = Run.timed(spreadDir, request, () -> ClusterRender.run(cluster.address(), jobJar,
                        request, options(spreadDir, models), spreadEvents::add));
                assertEquals(Set.of(SURVIVOR, VICTIM), renderers(spreadEvents),
                        "SEGMENT events name the TaskManagers that rendered them");
                try (LocalStore store = new LocalStore(spreadDir)) {
                    StoredFrames.assertComplete(reference, store, request.jobId(), frames, temp);
                }

                // 2. kill -9 of one worker as soon as the job has stored its first frames; it completes on the other.
                Path killDir = withAudio(temp.resolve("kill"), request, audio);
                JobStates states = JobStates.watch(cluster, "netbend " + request.jobId());
                Run survived;
                try (KillAtFirstFrames kill = KillAtFirstFrames.watch(cluster, VICTIM,
                        killDir.resolve(new JobKeys(request.jobId()).framesPrefix()))) {
                    survived = Run.timed(killDir, request, () -> ClusterRender.run(cluster.address(), jobJar,
                            request, options(killDir, models), kill::record));
                    kill.close();
                    assertTrue(kill.killedAtNanos() > 0, "the victim was killed during the job");
                    assertTrue(kill.framesStoredAtKill() < frames, "the kill came mid-job: "
                            + kill.framesStoredAtKill() + " of " + frames + " frames were stored");
                    assertTrue(kill.renderedAfterKill(SURVIVOR) > 0,
                            "the survivor rendered segments after the kill");
                    recovery = states.describeSince(kill.killedAtNanos());
                    framesAtKill = kill.framesStoredAtKill();
                } finally {
                    states.close();
                }
                try (LocalStore store = new LocalStore(killDir)) {
                    StoredFrames.assertComplete(reference, store, request.jobId(), frames, temp);
                }

                System.out.printf(Locale.ROOT, "%nStandalone cluster (1 JobManager, 2 TaskManagers x 1 slot), %d frames:%n"
                                + "  cluster start (one process after the other, to both TaskManagers registered): %.1f s%n"
                                + "  embedded MiniCluster, 2 slots: %s%n  cluster, 2 TaskManagers: %s%n"
                                + "  cluster with tm-b killed: %s%n  after the kill (%d frames stored then): %s%n",
                        frames, startSeconds, local, spread, survived, framesAtKill, recovery);
            }
        }
    }

    /** txt2img, 40 frames in 10 segments, small frames. */
    private static JobRequest request(LocalStore store, Path audio) throws Exception {
        JobRequest small = Jobs.txt2img(store, audio, List.of("rotate-r1@20=rms[0..2pi]"), 4);
        return new JobRequest(small.schemaVersion(), small.audioKey(), small.audioName(), small.prompts(),
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

}
