package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.store.ObjectStore;

/**
 * A request with a stem through the service: the stem's key must exist in the store, every stem a bend reads must
 * be given, and a good request renders from the stem's features (PLAN fetches the stem from the store).
 */
class ServiceSourcesIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir static Path dir;
    private static ServiceHarness service;
    private static String track;
    private static String drums;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceHarness(dir, 1);
        track = service.upload(TestAudio.silenceBurstSilence(dir.resolve("song.wav"), 0.2, 0.6, 0.2));
        drums = service.upload(TestAudio.silenceBurstSilence(dir.resolve("drums.wav"), 0.5, 0.3, 0.2));
        service.startService();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void stemsAreCheckedBeforeWorkAndReadByPlan() throws Exception {
        String bend = ", \"bends\": [\"multiply@3=rms@drums[1..2]\"]";
        service.send("stem-not-given", ServiceHarness.request(track, ", \"job-id\": \"stem-not-given\"" + bend));
        service.send("stem-not-stored", ServiceHarness.request(track, ", \"job-id\": \"stem-not-stored\", \"stems\": "
                + "{\"drums\": \"audio/" + "0".repeat(64) + ".wav\"}" + bend));
        service.send("stem-outside", ServiceHarness.request(track, ", \"job-id\": \"stem-outside\", \"stems\": "
                + "{\"drums\": \"s3://studio/netbend/../x.wav\"}" + bend));
        service.send("stem-good", ServiceHarness.request(track, ", \"job-id\": \"stem-good\", \"stems\": "
                + "{\"drums\": \"" + drums + "\"}" + bend));

        JobResult notGiven = service.awaitResult("stem-not-given");
        assertEquals(JobState.REJECTED, notGiven.state(), notGiven.toString());
        assertEquals("bends", notGiven.field());
        assertTrue(notGiven.reason().contains("reads rms@drums, but no stem 'drums' was given"), notGiven.reason());
        JobResult notStored = service.awaitResult("stem-not-stored");
        assertEquals(JobState.REJECTED, notStored.state(), notStored.toString());
        assertEquals("stems.drums", notStored.field());
        assertTrue(notStored.reason().contains("does not exist"), notStored.reason());
        JobResult outside = service.awaitResult("stem-outside");
        assertEquals(JobState.REJECTED, outside.state(), outside.toString());
        assertEquals("stems.drums", outside.field());

        JobResult good = service.awaitResult("stem-good");
        assertEquals(JobState.DONE, good.state(), good.toString());
        assertEquals(10, good.frames());
        try (ObjectStore store = service.store()) {
            Path features = dir.resolve("features.json");
            Files.write(features, store.get("jobs/stem-good/features.json").orElseThrow());
            FeatureTrack track = FeatureTrackIo.readJson(features);
            float[] stemRms = track.feature("rms@drums");
            assertEquals(0f, stemRms[2], "the drums are silent at 0.2..0.3 s while the mix plays");
            assertTrue(track.feature("rms")[2] > 0.1f, "the mix plays at 0.2..0.3 s");
            assertTrue(stemRms[6] > 0.1f, "the drums play at 0.6..0.7 s");
        }
    }
}
