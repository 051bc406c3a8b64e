package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * The service end to end on loopback: requests on a real broker, the job on a MiniCluster with one render slot,
 * the store on a real S3 server, results read with read_committed by a plain consumer.
 */
class ServiceIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir static Path dir;
    private static ServiceHarness service;
    private static String shortTrack;
    private static String longTrack;
    private static String stemTrack;
    private static String drums;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceHarness(dir, 1);
        shortTrack = service.upload(TestAudio.silenceBurstSilence(dir.resolve("short.wav"), 0.3, 0.4, 0.3));
        longTrack = service.upload(TestAudio.silenceBurstSilence(dir.resolve("long.wav"), 4, 4, 4));
        stemTrack = service.upload(TestAudio.silenceBurstSilence(dir.resolve("song.wav"), 0.2, 0.6, 0.2));
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
    void everyBadRequestIsRejectedWithItsFieldAndAGoodOneAfterThemStillRenders() throws Exception {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("bad-json", "{\"schema\": 1,");
        bad.put("bad-array", "[1, 2, 3]");
        bad.put("bad-schema", ServiceHarness.request(shortTrack, "").replace("\"schema\": 1", "\"schema\": 9"));
        bad.put("bad-missing", "{\"schema\": 1, \"audio\": \"" + shortTrack + "\"}");
        bad.put("bad-type", ServiceHarness.request(shortTrack, ", \"seed\": \"46\""));
        bad.put("bad-operator", ServiceHarness.request(shortTrack, ", \"bends\": [\"frobnicate@1=2\"]"));
        bad.put("bad-feature", ServiceHarness.request(shortTrack, ", \"bends\": [\"add@1=loudnesss[0..1]\"]"));
        bad.put("bad-range", ServiceHarness.request(shortTrack, ", \"strength\": 7"));
        bad.put("bad-audio", ServiceHarness.request("audio/" + "0".repeat(64) + ".wav", ""));
        bad.put("bad-bucket", ServiceHarness.request("s3://elsewhere/netbend/a.wav", ""));
        bad.put("bad-id", ServiceHarness.request(shortTrack, ", \"job-id\": \"../../etc\""));
        bad.put("bad-size", ServiceHarness.request(shortTrack, ", \"negative\": \"" + "x".repeat(1 << 20) + "\""));
        Map<String, String> field = Map.ofEntries(Map.entry("bad-json", "(message)"), Map.entry("bad-array", "(message)"),
                Map.entry("bad-schema", "schema"), Map.entry("bad-missing", "prompts"), Map.entry("bad-type", "seed"),
                Map.entry("bad-operator", "bends"), Map.entry("bad-feature", "bends"), Map.entry("bad-range", "strength"),
                Map.entry("bad-audio", "audio"), Map.entry("bad-bucket", "audio"), Map.entry("bad-id", "jobId"),
                Map.entry("bad-size", "(message)"));
        for (Map.Entry<String, String> message : bad.entrySet()) {
            service.send(message.getKey(), message.getValue());
        }
        service.send("good-after-bad", ServiceHarness.request(shortTrack, ", \"job-id\": \"good-after-bad\""));

        for (String key : bad.keySet()) {
            // A rejection is answered under the message's key, or "-" when it carried no valid job id.
            JobResult result = key.equals("bad-audio") || key.equals("bad-id")
                    ? findRejected(key, field.get(key)) : service.awaitResult(key);
            assertEquals(JobState.REJECTED, result.state(), key + ": " + result);
            assertEquals(field.get(key), result.field(), key + ": " + result);
            assertTrue(result.reason() != null && !result.reason().isBlank() && !result.reason().contains("\n"), key);
        }
        JobResult good = service.awaitResult("good-after-bad");
        assertEquals(JobState.DONE, good.state(), good.toString());
        assertEquals(10, good.frames());
        assertEquals("jobs/good-after-bad/video.mp4", good.videoKey());
        assertNotNull(good.url(), "an S3 store gives a presigned URL");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(good.url()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        try (ObjectStore store = service.store()) {
            assertArrayEquals(store.get(good.videoKey()).orElseThrow(), download.body(), "the URL serves the video");
        }
    }

    /** A rejection whose job id is the request's own (bad audio) or none at all (a bad job id). */
    private static JobResult findRejected(String key, String field) throws InterruptedException {
        long deadline = System.nanoTime() + ServiceHarness.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (List<JobResult> list : service.results.values()) {
                for (JobResult r : list) {
                    if (r.state() == JobState.REJECTED && field.equals(r.field())
                            && (key.equals("bad-audio") ? r.reason().contains("does not exist") : r.reason().contains("jobId"))) {
                        return r;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no REJECTED result for " + key + " naming " + field);
    }

    @Test
    void aShortJobSubmittedAfterALongOneIsDoneWhileTheLongOneRenders() throws Exception {
        service.send("album", ServiceHarness.request(longTrack, ", \"job-id\": \"album\", \"segment-length\": 10"));
        service.awaitProgress(e -> e.jobId().equals("album") && e.framesDone() > 0, "of the album's first frames");
        service.send("single", ServiceHarness.request(shortTrack, ", \"job-id\": \"single\""));

        JobResult single = service.awaitResult("single");
        assertEquals(JobState.DONE, single.state(), single.toString());
        assertTrue(service.results.getOrDefault("album", List.of()).isEmpty(),
                "the short job must finish while the album (120 frames) still renders");
        JobResult album = service.awaitResult("album");
        assertEquals(JobState.DONE, album.state(), album.toString());
        assertEquals(120, album.frames());
        assertEquals(1, service.results.get("album").size(), "exactly one result per job");
    }

    @Test
    void aRepeatedRequestIsAnsweredFromTheStoreAndACancelledJobResumesWhenSubmittedAgain() throws Exception {
        String request = ServiceHarness.request(longTrack, ", \"job-id\": \"cut\", \"segment-length\": 10, \"seed\": 9");
        service.send("cut", request);
        service.awaitProgress(e -> e.jobId().equals("cut") && e.framesDone() >= 5, "of 5 frames of job cut");
        service.send("cut", "{\"schema\": 1, \"type\": \"cancel\", \"job-id\": \"cut\"}");
        JobResult cancelled = service.awaitResult("cut");
        assertEquals(JobState.CANCELLED, cancelled.state(), cancelled.toString());
        int storedAfterCancel;
        try (ObjectStore store = service.store()) {
            storedAfterCancel = store.list(new JobKeys("cut").framesPrefix()).size();
        }
        assertTrue(storedAfterCancel >= 5 && storedAfterCancel < 120, "frames stored when cancelled: " + storedAfterCancel);

        service.send("cut", request);
        List<JobResult> twoResults = service.awaitResults("cut", 2);
        assertEquals(JobState.DONE, twoResults.get(1).state(), twoResults.toString());
        assertEquals(120, twoResults.get(1).frames());
        byte[] video;
        try (ObjectStore store = service.store()) {
            assertEquals(120, store.list(new JobKeys("cut").framesPrefix()).size());
            video = store.get(new JobKeys("cut").video()).orElseThrow();
        }

        service.send("cut", request);
        List<JobResult> threeResults = service.awaitResults("cut", 3);
        assertEquals(JobState.DONE, threeResults.get(2).state(), "a repeat is answered from the store");
        try (ObjectStore store = service.store()) {
            assertArrayEquals(video, store.get(new JobKeys("cut").video()).orElseThrow(), "and not rendered again");
        }
    }

    /** A stem's key must exist in the store, every stem a bend reads must be given, and PLAN reads the stem. */
    @Test
    void stemsAreCheckedBeforeWorkAndReadByPlan() throws Exception {
        String bend = ", \"bends\": [\"multiply@3=rms@drums[1..2]\"]";
        service.send("stem-not-given", ServiceHarness.request(stemTrack, ", \"job-id\": \"stem-not-given\"" + bend));
        service.send("stem-not-stored", ServiceHarness.request(stemTrack, ", \"job-id\": \"stem-not-stored\", "
                + "\"stems\": {\"drums\": \"audio/" + "0".repeat(64) + ".wav\"}" + bend));
        service.send("stem-outside", ServiceHarness.request(stemTrack, ", \"job-id\": \"stem-outside\", \"stems\": "
                + "{\"drums\": \"s3://studio/netbend/../x.wav\"}" + bend));
        service.send("stem-good", ServiceHarness.request(stemTrack, ", \"job-id\": \"stem-good\", \"stems\": "
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
