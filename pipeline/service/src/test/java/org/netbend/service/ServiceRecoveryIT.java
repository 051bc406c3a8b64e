package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kafka.server.BrokerServer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * The service rides out the failures a studio sees: the broker restarting under a running job, and a task that
 * dies mid-segment (the job restarts from its last checkpoint). Each time: exactly one DONE, every frame stored
 * once, and the frames bit-identical to those of an undisturbed render of the same request.
 */
class ServiceRecoveryIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir Path dir;

    @Test
    void theBrokerRestartingDuringAJobChangesNothing() throws Exception {
        try (ServiceHarness service = new ServiceHarness(dir, 1)) {
            String track = service.upload(TestAudio.silenceBurstSilence(dir.resolve("t.wav"), 3, 3, 3));
            service.startService();
            service.send("calm", ServiceHarness.request(track, ", \"job-id\": \"calm\", \"segment-length\": 10"));
            service.awaitResult("calm");
            service.send("stormy", ServiceHarness.request(track, ", \"job-id\": \"stormy\", \"segment-length\": 10"));
            service.awaitProgress(e -> e.jobId().equals("stormy") && e.framesDone() >= 10, "of job stormy's frames");

            BrokerServer broker = service.broker.cluster().brokers().values().iterator().next();
            broker.shutdown();
            broker.awaitShutdown();
            Thread.sleep(2000); // the service's producers and the source now retry against a broker that is down
            broker.startup();

            JobResult stormy = service.awaitResult("stormy");
            assertEquals(JobState.DONE, stormy.state(), stormy.toString());
            Thread.sleep(3000); // a duplicate would arrive with the next checkpoints
            assertEquals(1, service.results.get("stormy").size(), "exactly one result: " + service.results.get("stormy"));
            assertSameFrames(service, "calm", "stormy", 90);
        }
    }

    @Test
    void aTaskThatDiesMidSegmentRestartsFromTheCheckpointAndTheJobEndsOnce() throws Exception {
        Path marker = dir.resolve("fault-fired");
        try (ServiceHarness service = new ServiceHarness(dir, 1, new PacedToyModel(ServiceHarness.PACE_MILLIS, 45,
                marker))) {
            String track = service.upload(TestAudio.silenceBurstSilence(dir.resolve("t.wav"), 3, 3, 3));
            service.startService();
            service.send("faulty", ServiceHarness.request(track, ", \"job-id\": \"faulty\", \"segment-length\": 10"));
            JobResult faulty = service.awaitResult("faulty");
            assertEquals(JobState.DONE, faulty.state(), faulty.toString());
            assertTrue(Files.exists(marker), "the fault fired");
            Thread.sleep(3000);
            assertEquals(1, service.results.get("faulty").size(), "exactly one result: " + service.results.get("faulty"));
            service.send("clean", ServiceHarness.request(track, ", \"job-id\": \"clean\", \"segment-length\": 10"));
            assertEquals(JobState.DONE, service.awaitResult("clean").state());
            assertSameFrames(service, "clean", "faulty", 90);
        }
    }

    private static void assertSameFrames(ServiceHarness service, String a, String b, int frames) throws Exception {
        try (ObjectStore store = service.store()) {
            List<String> keysA = store.list(new JobKeys(a).framesPrefix());
            List<String> keysB = store.list(new JobKeys(b).framesPrefix());
            assertEquals(frames, keysA.size());
            assertEquals(frames, keysB.size(), "no frame missing or duplicated");
            List<String> differ = new ArrayList<>();
            for (int f = 0; f < frames; f++) {
                byte[] x = store.get(new JobKeys(a).frame(f)).orElseThrow();
                byte[] y = store.get(new JobKeys(b).frame(f)).orElseThrow();
                if (!java.util.Arrays.equals(x, y)) {
                    differ.add(Integer.toString(f));
                }
            }
            assertEquals(List.of(), differ, "frames that differ between " + a + " and " + b);
        }
    }
}
