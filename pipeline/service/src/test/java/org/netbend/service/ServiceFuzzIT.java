package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.flink.configuration.RestOptions;
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
 * "No record can restart the service", as a property: requests generated from a fixed seed, each with one or two
 * fields made odd (keys with spaces, non-ASCII letters, {@code ..}, {@code %2e}, NUL, bidi controls, over-long,
 * absolute, other buckets, reserved prefixes; numbers out of range, of the wrong type, huge lists), sent as raw
 * records to the real service (KRaft broker, S3 server, MiniCluster). Each must get exactly one answer: REJECTED,
 * FAILED, or DONE with its video and its requested output in the store; no reason may show the S3 endpoint or a
 * path of the machine; a valid job sent after them all is DONE; and the Flink job never failed over.
 */
class ServiceFuzzIT {
    private static final long SEED = 18;
    private static final int COMBINED = 12;
    /** Long enough for every answer on a loaded 2-core machine; the wait ends as soon as all are in. */
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir Path dir;

    /** One odd value for one field of a valid request; {@code rejects} names the field it must be REJECTED for, if pinned. */
    private record Mutation(String name, Consumer<ObjectNode> apply, String rejects) {
        Mutation(String name, Consumer<ObjectNode> apply) {
            this(name, apply, null);
        }
    }

    /** The cases issue 18 names, each with the field its REJECTED answer must name. */
    private static List<Mutation> pinned(String track) {
        return List.of(
                new Mutation("audio with a space", r -> r.put("audio", "audio/drums mesh.wav"), "audio"),
                new Mutation("stem with non-ASCII letters", r -> {
                    r.putObject("stems").put("drums", "audio/tr\u00f6mmel.wav");
                    r.putArray("bends").add("multiply@1=rms@drums[1..2]");
                }, "stems.drums"),
                new Mutation("audio %2e%2e", r -> r.put("audio", "audio/%2e%2e/%2e%2e/other/x.wav"), "audio"),
                new Mutation("output with a space", r -> r.put("output", "videos/my video.mp4"), "output"),
                new Mutation("output over another job's video", r -> r.put("output", "jobs/fuzz-0/video.mp4"), "output"),
                new Mutation("output over an uploaded track", r -> r.put("output", track), "output"),
                new Mutation("output over another video", r -> r.put("output", TAKEN), "output"),
                new Mutation("midi is a WAV", r -> r.put("midi", track), "midi"),
                new Mutation("bends over the cap", r -> r.set("bends", JSON.valueToTree(bends(300))), "bends"),
                new Mutation("fps near zero", r -> r.put("fps", 0.0001), "fps"));
    }

    /** An output key that already holds a video no fuzzed job made. */
    private static final String TAKEN = "videos/taken.mp4";

    @Test
    void everyGeneratedRequestGetsExactlyOneAnswerAndAValidJobAfterThemIsDone() throws Exception {
        try (ServiceHarness service = new ServiceHarness(dir, 1)) {
            String track = service.upload(TestAudio.silenceBurstSilence(dir.resolve("track.wav"), 0.3, 0.4, 0.3));
            try (ObjectStore store = service.store()) {
                store.put(TAKEN, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
            }
            service.startService();

            List<Mutation> mutations = new ArrayList<>(pinned(track));
            mutations.addAll(mutations(track));
            Map<String, Mutation> single = new LinkedHashMap<>();
            Random random = new Random(SEED);
            Map<String, ObjectNode> sent = new LinkedHashMap<>();
            Map<String, String> raw = new LinkedHashMap<>();
            int n = 0;
            for (Mutation m : mutations) {
                single.put("fuzz-" + n, m);
                sent.put("fuzz-" + n, request(track, "fuzz-" + n, List.of(m)));
                n++;
            }
            for (int i = 0; i < COMBINED; i++) {
                List<Mutation> two = List.of(mutations.get(random.nextInt(mutations.size())),
                        mutations.get(random.nextInt(mutations.size())));
                sent.put("fuzz-" + n, request(track, "fuzz-" + n, two));
                n++;
            }
            // Records that are not even a request object.
            raw.put("fuzz-" + n++, "{\"schema\": 1, \"audio\": \"" + track + "\", \"prompt\": \"a\"");
            raw.put("fuzz-" + n++, "\"audio/drums mesh.wav\"");
            raw.put("fuzz-" + n++, "{\"schema\": 1, \"audio\": \"audio/x\\u0000.wav\", \"prompt\": \"a\"}");
            raw.put("fuzz-" + n++, "");
            for (Map.Entry<String, ObjectNode> e : sent.entrySet()) {
                service.send(e.getKey(), JSON.writeValueAsString(e.getValue()));
            }
            for (Map.Entry<String, String> e : raw.entrySet()) {
                service.send(e.getKey(), e.getValue());
            }
            service.send("fuzz-after", JSON.writeValueAsString(request(track, "fuzz-after", List.of())));

            List<String> keys = new ArrayList<>(sent.keySet());
            keys.addAll(raw.keySet());
            keys.add("fuzz-after");
            awaitAnswers(service, keys);
            JobResult after = service.results.get("fuzz-after").get(0);
            assertEquals(JobState.DONE, after.state(), "the valid job sent after the fuzzed ones: " + after);

            String endpoint = URI.create(service.s3.environment().get("NETBEND_S3_ENDPOINT")).getAuthority();
            try (ObjectStore store = service.store()) {
                for (String key : keys) {
                    List<JobResult> answers = service.results.get(key);
                    ObjectNode request = sent.get(key);
                    String what = key + " " + (request != null ? request : raw.get(key)) + " -> " + answers;
                    assertEquals(1, answers.size(), "exactly one answer: " + what);
                    JobResult answer = answers.get(0);
                    assertTrue(answer.state() == JobState.REJECTED || answer.state() == JobState.DONE
                            || answer.state() == JobState.FAILED, what);
                    Mutation m = single.get(key);
                    if (m != null && m.rejects() != null) {
                        assertEquals(JobState.REJECTED, answer.state(), m.name() + ": " + what);
                        assertEquals(m.rejects(), answer.field(), m.name() + ": " + what);
                    }
                    if (answer.reason() != null) {
                        assertFalse(answer.reason().contains(endpoint), "the S3 endpoint shows: " + what);
                        assertFalse(answer.reason().contains(dir.toString()), "a work path shows: " + what);
                        assertFalse(answer.reason().contains(System.getProperty("java.io.tmpdir")), what);
                    }
                    if (answer.state() == JobState.DONE) {
                        byte[] video = store.get(new JobKeys(key).video()).orElseThrow(() ->
                                new AssertionError("DONE without a video: " + what));
                        JsonNode output = request == null ? null : request.get("output");
                        if (output != null && output.isTextual()) {
                            assertArrayEquals(video, store.get(output.asText()).orElseThrow(() ->
                                    new AssertionError("DONE without the requested output: " + what)), what);
                        }
                    }
                }
            }
            assertEquals(List.of(), exceptionHistory(), "the service job must never have failed over");
            try (ObjectStore store = service.store()) {
                assertEquals(8, store.get(TAKEN).orElseThrow().length, "another video is never replaced");
            }
        }
    }

    private static void awaitAnswers(ServiceHarness service, List<String> keys) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<String> missing = keys;
        while (System.nanoTime() < deadline) {
            missing = keys.stream().filter(k -> service.results.getOrDefault(k, List.of()).isEmpty()).toList();
            if (missing.isEmpty()) {
                Thread.sleep(2000); // one more checkpoint interval: a second answer would show now
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no answer within " + DEADLINE.toSeconds() + " s for " + missing.size() + " of "
                + keys.size() + " requests: " + missing);
    }

    /** The root exceptions the JobManager recorded for the service job (one per failover). */
    private static List<String> exceptionHistory() throws Exception {
        var conf = CLUSTER.getClientConfiguration();
        String base = "http://" + conf.get(RestOptions.ADDRESS) + ":" + conf.get(RestOptions.PORT);
        HttpClient http = HttpClient.newHttpClient();
        JsonNode jobs = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/overview")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> failures = new ArrayList<>();
        for (JsonNode job : jobs.path("jobs")) {
            JsonNode exceptions = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/"
                    + job.path("jid").asText() + "/exceptions")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode entry : exceptions.path("exceptionHistory").path("entries")) {
                String text = entry.path("exceptionName").asText() + ": " + entry.path("stacktrace").asText();
                failures.add(text.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(""));
            }
        }
        return failures;
    }

    private static ObjectNode request(String track, String jobId, List<Mutation> mutations) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("schema", 1);
        r.put("job-id", jobId);
        r.put("audio", track);
        r.put("prompt", "3D mesh geometry");
        r.put("size", "64x64");
        r.put("steps", 2);
        r.put("fps", 10);
        for (Mutation m : mutations) {
            m.apply().accept(r);
        }
        return r;
    }

    /** Every odd value, one per mutation; the seed only picks the combined pairs. */
    private static List<Mutation> mutations(String track) {
        List<String> badKeys = List.of("audio/drums mesh.wav", "audio/%2e%2e/%2e%2e/other/x.wav", "audio/../x.wav",
                "audio/x\u0000.wav", "/etc/passwd", "audio/" + "a".repeat(600) + ".wav", "s3://other/netbend/a.wav",
                "s3://studio/netbend/../x.wav", "s3://studio/elsewhere/a.wav", "audio/trömmel.wav",
                "audio/\u202egnp.wav", "audio\\x.wav", "audio//x.wav", "audio/", "", " ", "audio/./x.wav",
                "audio/" + "0".repeat(64) + ".wav", ".netbend-staging/x.wav", "audio/x.wav\n");
        List<Mutation> all = new ArrayList<>();
        for (String key : badKeys) {
            all.add(new Mutation("audio " + key, r -> r.put("audio", key)));
            all.add(new Mutation("stem " + key, r -> {
                r.putObject("stems").put("drums", key);
                r.putArray("bends").add("multiply@1=rms@drums[1..2]");
            }));
            all.add(new Mutation("midi " + key, r -> r.put("midi", key)));
            String output = key.isEmpty() ? "" : (key.startsWith("audio/") ? "videos/" + key.substring(6) : key);
            all.add(new Mutation("output " + output, r -> r.put("output", output.endsWith(".wav")
                    ? output.substring(0, output.length() - 4) + ".mp4" : output)));
        }
        for (String output : List.of("videos/my video.mp4", "jobs/fuzz-0/video.mp4", track.replace(".wav", ".mp4"),
                track, "midi/x.mp4", "service/x.mp4", "videos/x.mov", "s3://studio/netbend/videos/x.mp4",
                "videos/%2e%2e/jobs/x.mp4", "videos/ok.mp4", "videos/ok.mp4")) {
            all.add(new Mutation("output " + output, r -> r.put("output", output)));
        }
        all.add(new Mutation("midi is a WAV", r -> r.put("midi", track)));
        Map<String, List<Object>> odd = new LinkedHashMap<>();
        odd.put("steps", List.of(-1, 0, 1_000_000_000, "5", 5.5, List.of()));
        odd.put("fps", List.of(0, -1, 1e9, "x", 0.0001));
        odd.put("seed", List.of(-1, 1e30, "7"));
        odd.put("size", List.of("0x0", "64x", "99999x99999", "63x64", 64));
        odd.put("prompt", List.of("", "x".repeat(10_000), "\u202eevil\u0000", List.of("a")));
        odd.put("priority", List.of(0, 101, "x", 1.5, 100));
        odd.put("bends", List.of("not a list", List.of(1), List.of("x"), bends(300), bends(3)));
        odd.put("model", List.of("/etc", "../toy", "toy"));
        odd.put("segment-length", List.of(0, 1_000_000, 1));
        odd.put("job-id", List.of("../x", "a b", "x".repeat(65), ".."));
        odd.put("type", List.of("weird", 7));
        odd.put("schema", List.of(2, "1"));
        odd.put("stems", List.of("drums", List.of(), Map.of("CH1", track)));
        odd.put("unknown-field", List.of(1));
        odd.forEach((field, values) -> values.forEach(value ->
                all.add(new Mutation(field + " " + value, r -> r.set(field, JSON.valueToTree(value))))));
        return all;
    }

    private static List<String> bends(int count) {
        List<String> bends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bends.add("add@1:channel(" + (i % 4) + ")=rms[0.." + (i % 7 + 1) + "]");
        }
        return bends;
    }
}
