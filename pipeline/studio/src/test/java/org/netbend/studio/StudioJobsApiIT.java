package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.ListeningSockets;
import org.netbend.farm.TestAudio;
import org.netbend.job.JobFile;
import org.netbend.job.JobRequest;
import org.netbend.job.RequestBuilder;
import org.netbend.service.ServiceHarness;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * The Jobs page's API and the studio's socket safety, against a real server on loopback in front of the real
 * service (KRaft broker, S3 server, MiniCluster, toy model): a job's downloads (features.json, the frames' zip,
 * its settings as a job file), the jobs list with priority, time submitted and album, the wire's two spellings,
 * refusals, event streams bounded per client and let go of when the client goes, resuming without loss, and a
 * studio that stops exactly what it started.
 */
class StudioJobsApiIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** How long a dropped stream may take to be noticed: a few heartbeats. */
    static final Duration LET_GO = JobRoutes.HEARTBEAT.multipliedBy(6);

    @TempDir static Path dir;
    static ServiceHarness service;
    static StudioServer studio;
    static String base;
    static String track;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceHarness(dir, 1);
        service.startService();
        studio = StudioServer.start(StudioApiIT.options(dir, service, null));
        base = "http://127.0.0.1:" + studio.port();
        track = service.upload(TestAudio.silenceBurstSilence(dir.resolve("short.wav"), 0.3, 0.4, 0.3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (studio != null) {
            studio.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aDoneJobsFeaturesFramesAndSettingsDownload() throws Exception {
        HttpResponse<String> created = post("/api/jobs", camel(track, "dl-done", ", \"priority\": 3"));
        assertEquals(202, created.statusCode(), created.body());
        assertEquals(0, JSON.readTree(created.body()).get("warnings").size(), "camelCase is the wire's spelling");
        events("dl-done", null, "result");

        HttpResponse<String> features = get("/api/jobs/dl-done/features.json");
        assertEquals(200, features.statusCode(), features.body());
        assertTrue(features.headers().firstValue("Content-Disposition").orElse("").contains("dl-done-features.json"));
        JsonNode track10 = JSON.readTree(features.body());
        assertTrue(track10.toString().contains("rms"), "PLAN's features.json: " + features.body().substring(0, 200));

        HttpResponse<InputStream> zip = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/dl-done/frames.zip"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(zip.body())) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] png = in.readAllBytes();
                assertEquals((byte) 0x89, png[0], entry.getName() + " is a PNG");
                names.add(entry.getName());
            }
        }
        assertEquals(10, names.size(), "1 s at 10 fps: " + names);
        assertEquals("dl-done/000000.png", names.get(0));
        assertEquals("dl-done/000009.png", names.get(9));

        HttpResponse<String> yaml = get("/api/jobs/dl-done/settings.yaml");
        assertEquals(200, yaml.statusCode(), yaml.body());
        assertTrue(yaml.body().contains("steps: 5") && yaml.body().contains("add@0"), yaml.body());
        JsonNode one = JSON.readTree(get("/api/jobs/dl-done").body());
        assertEquals(track, one.get("audio").asText(), "the job names its track, to open it again");
        JobRequest reopened = JobFile.of(Path.of("dl-done.yaml"), yaml.body())
                .applyTo(new RequestBuilder().audio(one.get("audio").asText(), one.get("audioName").asText())).build();
        try (ObjectStore store = service.store()) {
            JobRequest stored = JobRequest.fromJson(new String(store.get(new JobKeys("dl-done").request()).orElseThrow(),
                    StandardCharsets.UTF_8));
            assertEquals(stored.withModelDigest(null).jobId(), reopened.jobId(),
                    "the settings open into the same request (the service adds its model digest)");
        }
        HttpResponse<String> loads = post("/api/jobfile/settings", yaml.body());
        assertEquals(200, loads.statusCode(), "the page loads it as any job file: " + loads.body());
    }

    @Test
    void theListShowsPriorityTimeSubmittedAndAlbumsAsOneGroup() throws Exception {
        long before = System.currentTimeMillis();
        post("/api/jobs", camel(track, "side-a", ", \"album\": \"album-test\", \"seed\": 1"));
        post("/api/jobs", camel(track, "side-b", ", \"album\": \"album-test\", \"seed\": 2, \"priority\": 5"));
        JsonNode a = null;
        JsonNode b = null;
        long deadline = System.nanoTime() + ServiceHarness.WAIT.toNanos();
        while ((a == null || b == null) && System.nanoTime() < deadline) {
            for (JsonNode job : JSON.readTree(get("/api/jobs").body())) {
                if (job.get("jobId").asText().equals("side-a")) {
                    a = job;
                } else if (job.get("jobId").asText().equals("side-b")) {
                    b = job;
                }
            }
        }
        assertTrue(a != null && b != null, "the album's two tracks listed within " + ServiceHarness.WAIT);
        assertEquals("album-test", a.get("album").asText());
        assertEquals("album-test", b.get("album").asText());
        assertEquals(5, b.get("priority").asInt());
        assertEquals(1, a.get("priority").asInt());
        assertEquals("short.wav", a.get("audioName").asText());
        assertTrue(java.time.Instant.parse(a.get("submitted").asText()).toEpochMilli() >= before - 60_000,
                a.toString());
    }

    @Test
    void aKebabCaseRequestIsTakenForOneReleaseWithAWarning() throws Exception {
        String kebab = "{\"schema\": 1, \"job-id\": \"kebab\", \"audio\": \"" + track + "\", \"audio-name\": \"k.wav\", "
                + "\"prompt\": \"3D mesh geometry\", \"size\": \"64x64\", \"steps\": 5, \"fps\": 10}";
        HttpResponse<String> created = post("/api/jobs", kebab);
        assertEquals(202, created.statusCode(), created.body());
        JsonNode warnings = JSON.readTree(created.body()).get("warnings");
        assertEquals(1, warnings.size(), created.body());
        assertTrue(warnings.get(0).asText().contains("job-id, audio-name") && warnings.get(0).asText()
                .contains("jobId, audioName"), created.body());
        HttpResponse<String> both = post("/api/jobs", kebab.replace("\"job-id\": \"kebab\"",
                "\"job-id\": \"kebab\", \"jobId\": \"kebab\""));
        assertEquals(400, both.statusCode(), both.body());
        assertEquals("jobId", JSON.readTree(both.body()).get("field").asText());
    }

    @Test
    void refusals() throws Exception {
        for (String path : List.of("/api/jobs/..%2F..%2Faudio/features.json", "/api/jobs/a%20b/frames.zip",
                "/api/jobs/..%2Fjobs/settings.yaml", "/api/jobs/" + "x".repeat(65) + "/settings.yaml",
                "/api/jobs/..%2F..%2Fservice%2Fsecret/frames.zip", "/api/jobs/never-sent/settings.yaml",
                "/api/jobs/never-sent/frames.zip", "/api/jobs/never-sent/features.json")) {
            HttpResponse<String> r = get(path);
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, path + " -> " + r.statusCode() + " " + r.body());
            assertTrue(JSON.readTree(r.body()).get("error").asText().length() > 5, path + ": " + r.body());
            assertFalse(r.body().contains("at org."), "no stack trace: " + r.body());
        }
        assertEquals(400, get("/api/jobs/a%20b/settings.yaml").statusCode(), "a bad id is a 400, not a lookup");
    }

    /** Stems (audio) and a MIDI file uploaded beside the track, checked by decoding, and read by the job made. */
    @Test
    void stemsAndAMidiFileAreUploadedCheckedAndUsedByTheJob() throws Exception {
        byte[] stem = java.nio.file.Files.readAllBytes(TestAudio.silenceBurstSilence(dir.resolve("drums.wav"), 0.2,
                0.3, 0.5));
        HttpResponse<String> stemUp = post("/api/audio?name=drums.wav", stem);
        assertTrue(stemUp.statusCode() == 201 || stemUp.statusCode() == 200, stemUp.body());
        String stemKey = JSON.readTree(stemUp.body()).get("key").asText();
        byte[] midi = midi(3);
        HttpResponse<String> midiUp = post("/api/midi?name=piece.mid", midi);
        assertEquals(201, midiUp.statusCode(), midiUp.body());
        JsonNode m = JSON.readTree(midiUp.body());
        assertTrue(m.get("key").asText().matches("midi/[0-9a-f]{64}\\.mid"), midiUp.body());
        assertTrue(m.get("features").toString().contains("note@ch3"), midiUp.body());
        assertEquals(200, post("/api/midi?name=piece.mid", midi).statusCode(), "the same file is stored once");
        // Checked by decoding, not by name.
        HttpResponse<String> notMidi = post("/api/midi?name=piece.mid", "MThd but not really".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, notMidi.statusCode(), notMidi.body());
        assertTrue(JSON.readTree(notMidi.body()).get("error").asText().startsWith("not a MIDI file"), notMidi.body());
        HttpResponse<String> emptyMidi = post("/api/midi?name=piece.mid", new byte[0]);
        assertEquals(400, emptyMidi.statusCode(), emptyMidi.body());

        String request = camel(track, "with-sources", ", \"stems\": {\"drums\": \"" + stemKey + "\"}, \"midi\": \""
                + m.get("key").asText() + "\"").replace("add@0=rms[0..2]", "add@0=rms@drums[0..2]\", \"multiply@0=note@ch3[1..2]");
        HttpResponse<String> created = post("/api/jobs", request);
        assertEquals(202, created.statusCode(), created.body());
        List<String[]> events = events("with-sources", null, "result");
        assertEquals("DONE", JSON.readTree(events.get(events.size() - 1)[2]).get("state").asText());
        try (ObjectStore store = service.store()) {
            JobRequest stored = JobRequest.fromJson(new String(store.get(new JobKeys("with-sources").request())
                    .orElseThrow(), StandardCharsets.UTF_8));
            assertEquals(java.util.Map.of("drums", stemKey), stored.stemKeys());
            assertEquals(m.get("key").asText(), stored.midiKey());
        }
    }

    /**
     * The parameter-lane preview reads the job's stems and MIDI file: a bend on {@code rms@drums} or
     * {@code note@ch3} gets the track the job renders with (PLAN's feature set for those sources), not an error.
     */
    @Test
    void theTrackPreviewReadsTheStemsAndTheMidiFileAsTheJobDoes() throws Exception {
        java.nio.file.Path stemFile = TestAudio.silenceBurstSilence(dir.resolve("preview-drums.wav"), 0.1, 0.5, 0.4);
        HttpResponse<String> stemUp = post("/api/audio?name=drums.wav", java.nio.file.Files.readAllBytes(stemFile));
        assertTrue(stemUp.statusCode() == 201 || stemUp.statusCode() == 200, stemUp.body());
        String stemKey = JSON.readTree(stemUp.body()).get("key").asText();
        byte[] midi = midi(3);
        HttpResponse<String> midiUp = post("/api/midi?name=piece.mid", midi);
        assertTrue(midiUp.statusCode() == 201 || midiUp.statusCode() == 200, midiUp.body());
        String midiKey = JSON.readTree(midiUp.body()).get("key").asText();
        List<String> bends = List.of("add@0=rms@drums[0..2]", "multiply@0=note@ch3[1..2]", "add@0=rms[0..1]");
        String bendList = "\"bends\": [\"" + String.join("\", \"", bends) + "\"]";

        HttpResponse<String> mixOnly = post("/api/tracks", "{\"audio\": \"" + track + "\", \"fps\": 10, " + bendList + "}");
        assertEquals(200, mixOnly.statusCode(), mixOnly.body());
        assertEquals(2, JSON.readTree(mixOnly.body()).get("errors").size(), "without sources: " + mixOnly.body());

        String sources = ", \"stems\": {\"drums\": \"" + stemKey + "\"}, \"midi\": \"" + midiKey + "\"";
        HttpResponse<String> r = post("/api/tracks", "{\"audio\": \"" + track + "\", \"fps\": 10, " + bendList
                + sources + "}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(0, answer.get("errors").size(), r.body());
        assertEquals(3, answer.get("tracks").size(), r.body());

        // What PLAN computes for a job with these bends and sources.
        java.nio.file.Path mixFile = dir.resolve("preview-mix.wav");
        java.nio.file.Path midiFile = dir.resolve("preview-piece.mid");
        java.nio.file.Files.write(midiFile, midi);
        try (ObjectStore store = service.store()) {
            store.getFile(track, mixFile);
        }
        List<org.netbend.bend.BendSpec> specs = bends.stream().map(org.netbend.bend.BendParser::parse).toList();
        List<org.netbend.core.ParameterSource> read = specs.stream().flatMap(b -> b.sources().stream()).toList();
        org.netbend.plan.FeatureTrack planned = org.netbend.plan.AudioAnalyzer.analyzeFully(
                new org.netbend.plan.AudioSources(mixFile, java.util.Map.of("drums", stemFile), midiFile),
                org.netbend.plan.AnalysisOptions.defaults(10)
                        .withFeatures(org.netbend.plan.FeatureSelection.forPlan(read))).track();
        List<double[]> expected = new ArrayList<>(org.netbend.farm.BendTracks.of(planned, specs).values());
        for (int b = 0; b < bends.size(); b++) {
            JsonNode values = answer.get("tracks").get(b).get("values");
            assertEquals(b, answer.get("tracks").get(b).get("bend").asInt());
            assertEquals(expected.get(b).length, values.size(), bends.get(b));
            for (int i = 0; i < values.size(); i++) {
                assertEquals((float) expected.get(b)[i], values.get(i).asDouble(), 1e-6, bends.get(b) + " frame " + i);
            }
        }
        double drumsMax = 0;
        for (JsonNode v : answer.get("tracks").get(0).get("values")) {
            drumsMax = Math.max(drumsMax, v.asDouble());
        }
        assertEquals(2.0, drumsMax, 1e-6, "the stem's loudest frame reaches the top of the range");

        // Every key is checked as the job's are: nothing outside the uploads reaches the store.
        for (String[] bad : List.of(
                new String[] {", \"stems\": {\"drums\": \"../../etc/passwd\"}", "stems.drums"},
                new String[] {", \"stems\": {\"drums\": \"midi/" + "0".repeat(64) + ".mid\"}", "stems.drums"},
                new String[] {", \"stems\": {\"Drums!\": \"" + stemKey + "\"}", "stems.Drums!"},
                new String[] {", \"stems\": [\"" + stemKey + "\"]", "stems"},
                new String[] {", \"midi\": \"midi/../" + midiKey + "\"", "midi"},
                new String[] {", \"midi\": 3", "midi"})) {
            HttpResponse<String> refused = post("/api/tracks", "{\"audio\": \"" + track + "\", \"fps\": 10, "
                    + bendList + bad[0] + "}");
            assertEquals(400, refused.statusCode(), bad[0] + ": " + refused.body());
            assertEquals(bad[1], JSON.readTree(refused.body()).path("field").asText(), refused.body());
        }
    }

    /** Each upload has the studio's size limit: a stem or MIDI file over it is refused before it is stored. */
    @Test
    void oversizeStemsAndMidiFilesAreRefused() throws Exception {
        try (StudioServer small = StudioServer.start(StudioApiIT.options(dir.resolve("small"), service, null)
                .withMaxUploadBytes(4096))) {
            String url = "http://127.0.0.1:" + small.port();
            for (String path : List.of("/api/audio?name=drums.wav", "/api/midi?name=piece.mid")) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[20_000])).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(413, r.statusCode(), path + ": " + r.body());
                assertTrue(JSON.readTree(r.body()).get("error").asText().contains("4096"), r.body());
            }
        }
    }

    /** A track's analysis is kept in the store: another studio (or this one restarted) reads it, not the audio. */
    @Test
    void analysesAreKeptInTheStoreAcrossARestart() throws Exception {
        String key = service.upload(TestAudio.silenceBurstSilence(dir.resolve("cached.wav"), 0.25, 0.35, 0.45));
        String id = key.substring("audio/".length());
        HttpResponse<String> first = get("/api/audio/" + id + "/features?fps=10");
        assertEquals(200, first.statusCode(), first.body());
        try (ObjectStore store = service.store()) {
            assertTrue(store.exists(TrackAnalyses.key(key, 10)), "kept as " + TrackAnalyses.key(key, 10));
            assertTrue(TrackAnalyses.key(key, 10).matches("studio/analyses/[0-9a-f]{64}-10\\.0fps-v\\d+\\.json"));
            store.delete(key); // from now on only the kept analysis can answer
        }
        try (StudioServer restarted = StudioServer.start(StudioApiIT.options(dir.resolve("restarted"), service, null))) {
            HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + restarted.port() + "/api/audio/" + id + "/features?fps=10")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(JSON.readTree(first.body()), JSON.readTree(again.body()), "the same features, not recomputed");
            HttpResponse<String> otherFps = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + restarted.port() + "/api/audio/" + id + "/features?fps=12")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, otherFps.statusCode(), "another fps is another analysis (and the audio is gone): "
                    + otherFps.body());
        }
    }

    /** A Standard MIDI File with one note on channel {@code channel} (1-based). */
    private static byte[] midi(int channel) throws Exception {
        javax.sound.midi.Sequence sequence = new javax.sound.midi.Sequence(javax.sound.midi.Sequence.PPQ, 480);
        javax.sound.midi.Track t = sequence.createTrack();
        t.add(new javax.sound.midi.MidiEvent(new javax.sound.midi.ShortMessage(javax.sound.midi.ShortMessage.NOTE_ON,
                channel - 1, 64, 80), 96));
        t.add(new javax.sound.midi.MidiEvent(new javax.sound.midi.ShortMessage(javax.sound.midi.ShortMessage.NOTE_OFF,
                channel - 1, 64, 0), 480));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.sound.midi.MidiSystem.write(sequence, 0, out);
        return out.toByteArray();
    }

    /** A stream that drops and comes back with Last-Event-ID misses no event and gets none twice. */
    @Test
    void aDroppedStreamResumesFromItsLastEventIdWithoutLoss() throws Exception {
        post("/api/jobs", camel(track, "resume", ", \"seed\": 11"));
        List<String[]> first = events("resume", null, "progress"); // then the connection is dropped
        String lastId = first.get(first.size() - 1)[0];
        List<String[]> rest = events("resume", lastId, "result");
        List<Long> ids = new ArrayList<>();
        first.forEach(e -> ids.add(Long.parseLong(e[0])));
        rest.forEach(e -> ids.add(Long.parseLong(e[0])));
        for (int i = 0; i < ids.size(); i++) {
            assertEquals((long) i, ids.get(i), "events 0.." + (ids.size() - 1) + " once each, in order: " + ids);
        }
        assertEquals("result", rest.get(rest.size() - 1)[1]);
    }

    /** At most 16 streams per client; a client that goes (no close, just gone) frees its place. */
    @Test
    void streamsAreBoundedPerClientAndLetGoWhenTheClientGoes() throws Exception {
        try (StudioServer own = StudioServer.start(StudioApiIT.options(dir.resolve("bounded"), service, null))) {
            String url = "http://127.0.0.1:" + own.port() + "/api/jobs/dl-bounded/events";
            List<InputStream> held = new ArrayList<>();
            for (int i = 0; i < JobRoutes.MAX_STREAMS_PER_CLIENT; i++) {
                held.add(stream(url));
            }
            awaitStreams(own, JobRoutes.MAX_STREAMS_PER_CLIENT, "every stream registered");
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("too many event streams from this client (at most 16)"), refused.body());
            for (InputStream in : held) {
                in.close(); // the client goes; the studio learns it at its next heartbeat
            }
            awaitStreams(own, 0, "every stream let go of after its client went");
            InputStream again = stream(url);
            awaitStreams(own, 1, "a place is free again");
            again.close();
        }
    }

    /** The studio stops exactly what it started: its listening socket is gone after close, the others stay. */
    @Test
    void aStudioLeavesNoListeningSocketBehind() throws Exception {
        List<InetSocketAddress> before = ListeningSockets.ofThisProcess();
        StudioServer own = StudioServer.start(StudioApiIT.options(dir.resolve("sockets"), service, null));
        int port = own.port();
        List<InetSocketAddress> running = ListeningSockets.ofThisProcess();
        assertTrue(running.stream().anyMatch(s -> s.getPort() == port), "listening on " + port + ": " + running);
        assertEquals(List.of(), ListeningSockets.beyondLoopback(running.stream().filter(s -> s.getPort() == port)
                .toList()), "on loopback only");
        InputStream open = stream("http://127.0.0.1:" + port + "/api/jobs/sockets/events");
        awaitStreams(own, 1, "the stream registered");
        own.close();
        open.close();
        List<InetSocketAddress> after = ListeningSockets.ofThisProcess();
        assertTrue(after.stream().noneMatch(s -> s.getPort() == port), "nothing listens on " + port + ": " + after);
        assertTrue(after.containsAll(before), "what others started still listens: " + before + " -> " + after);
        assertEquals(0, own.openEventStreams());
    }

    private static void awaitStreams(StudioServer server, int count, String what) throws InterruptedException {
        long deadline = System.nanoTime() + LET_GO.toNanos();
        while (server.openEventStreams() != count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(count, server.openEventStreams(), what + " within " + LET_GO.toSeconds() + " s");
    }

    private static InputStream stream(String url) throws Exception {
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    static String camel(String key, String jobId, String extra) {
        return "{\"schema\": 1, \"jobId\": \"" + jobId + "\", \"audio\": \"" + key + "\", \"audioName\": \"short.wav\", "
                + "\"prompt\": \"3D mesh geometry\", \"size\": \"64x64\", \"steps\": 5, \"fps\": 10, "
                + "\"bends\": [\"add@0=rms[0..2]\"]" + extra + "}";
    }

    /** The job's events until one of {@code until} (then the connection is dropped): each {id, event, data}. */
    static List<String[]> events(String jobId, String lastEventId, String until) throws Exception {
        return EventStreams.read(base, jobId, lastEventId, until, ServiceHarness.WAIT);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
