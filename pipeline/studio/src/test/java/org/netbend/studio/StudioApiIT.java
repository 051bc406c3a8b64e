package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.service.ServiceHarness;

/**
 * The studio's API against a real server on loopback, in front of the real service: a KRaft broker, an S3 server
 * and the service job on a MiniCluster (the service tests' harness, toy model).
 */
class StudioApiIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final long UPLOAD_LIMIT = 2_000_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    static ServiceHarness service;
    static StudioServer studio;
    static String base;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceHarness(dir, 1);
        service.startService();
        studio = StudioServer.start(options(dir, service, null).withMaxUploadBytes(UPLOAD_LIMIT));
        base = "http://127.0.0.1:" + studio.port();
    }

    static StudioOptions options(Path dir, ServiceHarness service, BearerToken token) {
        return new StudioOptions("127.0.0.1", 0, token, ServiceHarness.STORE, service.s3.environment(),
                service.config.kafka(), "toy", StudioOptions.DEFAULT_MAX_UPLOAD, dir.resolve("studio-work"));
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
    void uploadFeaturesAndParameterTracksWithAnErrorSpan() throws Exception {
        Path wav = TestAudio.silenceBurstSilence(dir.resolve("burst.wav"), 0.5, 0.5, 0.5);
        HttpResponse<String> first = post("/api/audio?name=burst.wav", Files.readAllBytes(wav));
        assertEquals(201, first.statusCode(), first.body());
        JsonNode up = JSON.readTree(first.body());
        assertTrue(up.get("key").asText().matches("audio/[0-9a-f]{64}\\.wav"), first.body());
        HttpResponse<String> again = post("/api/audio?name=burst.wav", Files.readAllBytes(wav));
        assertEquals(200, again.statusCode(), "the same content is stored once");
        assertFalse(JSON.readTree(again.body()).get("uploaded").asBoolean());

        JsonNode features = JSON.readTree(get("/api/audio/" + up.get("id").asText() + "/features?fps=10").body());
        assertEquals(15, features.get("frameCount").asInt(), "1.5 s at 10 fps");
        assertEquals(15, features.get("features").get("rms").size());
        assertTrue(features.get("onsets").size() >= 1, "the burst is an onset: " + features.get("onsets"));

        String bad = "add@0=rms[0..x]";
        HttpResponse<String> tracks = post("/api/tracks", ("{\"audio\": \"" + up.get("key").asText() + "\", \"fps\": 10,"
                + " \"bends\": [\"add@0=rms[0..2]\", \"" + bad + "\"]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, tracks.statusCode(), tracks.body());
        JsonNode answer = JSON.readTree(tracks.body());
        JsonNode track = answer.get("tracks").get(0);
        assertEquals(0, track.get("bend").asInt());
        assertEquals(15, track.get("values").size());
        double max = 0;
        for (JsonNode v : track.get("values")) {
            max = Math.max(max, v.asDouble());
        }
        assertEquals(2.0, max, 1e-6, "rms mapped to [0..2] reaches 2 at the loudest frame");
        JsonNode error = answer.get("errors").get(0);
        assertEquals(1, error.get("bend").asInt());
        int start = error.get("start").asInt();
        int end = error.get("end").asInt();
        assertTrue(start >= 0 && end > start && end <= bad.length(), error.toString());
        assertTrue(bad.substring(start, end).contains("x"), "the span marks the bad bound: " + error);
        assertFalse(error.get("error").asText().isBlank());
    }

    @Test
    void tracksAtTheLanesWidthAndTheModelsWithTheirSites() throws Exception {
        Path wav = TestAudio.silenceBurstSilence(dir.resolve("burst-columns.wav"), 0.4, 0.6, 0.5);
        String key = JSON.readTree(post("/api/audio?name=burst-columns.wav", Files.readAllBytes(wav)).body())
                .get("key").asText();
        String bends = "\"bends\": [\"add@0=rms[0..2]\"]";
        JsonNode all = JSON.readTree(post("/api/tracks", ("{\"audio\": \"" + key + "\", \"fps\": 10, " + bends + "}")
                .getBytes(StandardCharsets.UTF_8)).body()).get("tracks").get(0).get("values");
        HttpResponse<String> window = post("/api/tracks", ("{\"audio\": \"" + key + "\", \"fps\": 10, " + bends
                + ", \"from\": 0, \"to\": 1.5, \"columns\": 5}").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, window.statusCode(), window.body());
        JsonNode track = JSON.readTree(window.body()).get("tracks").get(0);
        assertEquals(5, track.get("min").size());
        assertFalse(track.has("values"), "columns replace the per-frame values");
        for (int c = 0; c < 5; c++) { // each column covers 0.3 s: frames 3c..3c+2
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 3 * c; i < 3 * c + 3; i++) {
                lo = Math.min(lo, all.get(i).asDouble());
                hi = Math.max(hi, all.get(i).asDouble());
            }
            assertEquals(lo, track.get("min").get(c).asDouble(), 1e-6, "column " + c + " min");
            assertEquals(hi, track.get("max").get(c).asDouble(), 1e-6, "column " + c + " max");
        }
        HttpResponse<String> badWindow = post("/api/tracks", ("{\"audio\": \"" + key + "\", " + bends
                + ", \"from\": 2, \"to\": 1, \"columns\": 5}").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badWindow.statusCode());
        assertTrue(JSON.readTree(badWindow.body()).get("error").asText().contains("from and to"), badWindow.body());

        HttpResponse<String> models = get("/api/models");
        assertEquals(200, models.statusCode(), models.body());
        JsonNode toy = JSON.readTree(models.body()).get("models").get(0);
        assertEquals("toy", toy.get("name").asText());
        assertTrue(toy.get("default").asBoolean());
        List<String> sites = new ArrayList<>();
        toy.get("sites").forEach(s -> sites.add(s.get("site").asText()));
        assertTrue(sites.containsAll(List.of("down.0", "mid", "up.1.attn.0")), sites.toString());
        toy.get("sites").forEach(s -> assertTrue(s.get("channels").asInt() > 0, "channels of " + s));
    }

    @Test
    void refusals() throws Exception {
        // Not audio, whatever its name says: checked by decoding.
        HttpResponse<String> text = post("/api/audio?name=song.wav", "just text, not a wave".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, text.statusCode(), text.body());
        assertTrue(JSON.readTree(text.body()).get("error").asText().contains("not an audio file"), text.body());
        // Over the size limit.
        HttpResponse<String> big = post("/api/audio?name=big.wav", new byte[(int) UPLOAD_LIMIT + 1000]);
        assertEquals(413, big.statusCode(), big.body());
        // Traversal and bad ids never reach the store.
        for (String path : List.of("/api/audio/..%2F..%2Fetc%2Fpasswd/features", "/api/audio/abc.wav/features",
                "/api/jobs/..%2Fsecret/frames/1", "/api/jobs/..%2F..%2Faudio/video", "/api/jobs/job1/frames/..%2F1",
                "/api/jobs/job1/frames/-1", "/api/jobs/job1/frames/1234567")) {
            HttpResponse<String> r = get(path);
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, path + " -> " + r.statusCode() + " " + r.body());
            assertTrue(JSON.readTree(r.body()).has("error"), path + ": " + r.body());
            assertFalse(r.body().contains("at org."), "no stack trace: " + r.body());
        }
        // A bad request gets the service's REJECTED message, and a bad bend its span.
        HttpResponse<String> rejected = post("/api/jobs", ("{\"schema\": 1, \"audio\": \"audio/" + "0".repeat(64)
                + ".wav\", \"prompt\": \"x\", \"bends\": [\"frobnicate@1=2\"]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, rejected.statusCode(), rejected.body());
        JsonNode why = JSON.readTree(rejected.body());
        assertTrue(why.get("error").asText().contains("frobnicate"), rejected.body());
        // Headers: a strict CSP, nosniff, no CORS.
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(page.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void aNonLoopbackAddressNeedsATokenAndEveryCallThenCarriesIt() throws Exception {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new StudioOptions(
                "0.0.0.0", 0, null, ServiceHarness.STORE, Map.of(), service.config.kafka(), "toy", 1, dir));
        assertTrue(refused.getMessage().contains("--token-file"), refused.getMessage());
        BearerToken token = BearerToken.random();
        try (StudioServer guarded = StudioServer.start(options(dir.resolve("guarded"), service, token))) {
            String url = "http://127.0.0.1:" + guarded.port();
            HttpResponse<String> without = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, without.statusCode());
            assertFalse(without.body().contains(token.reveal()), "the token is never echoed");
            HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs"))
                    .header("Authorization", "Bearer " + "f".repeat(64)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            HttpResponse<String> with = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs"))
                    .header("Authorization", "Bearer " + token.reveal()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, with.statusCode(), with.body());
            // The page: opened once as /?token=..., it keeps the token in a strict HttpOnly cookie.
            HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/?token=" + token.reveal()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, opened.statusCode());
            String cookie = opened.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/jobs"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            HttpResponse<String> badQuery = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/?token=guess"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, badQuery.statusCode());
        }
    }

    @Test
    void createFollowToDoneFrameVideoRangesAndResume() throws Exception {
        String key = service.upload(TestAudio.silenceBurstSilence(dir.resolve("short.wav"), 0.3, 0.4, 0.3));
        HttpResponse<String> created = post("/api/jobs", request(key, "api-done").getBytes(StandardCharsets.UTF_8));
        assertEquals(202, created.statusCode(), created.body());
        List<String[]> events = readEvents("api-done", null, "result");
        String[] last = events.get(events.size() - 1);
        assertEquals("result", last[1]);
        assertEquals("DONE", JSON.readTree(last[2]).get("state").asText(), last[2]);
        assertTrue(events.stream().anyMatch(e -> e[1].equals("progress")), "progress before the result");
        // Resuming after the first event sends the rest, the first not again.
        List<String[]> resumed = readEvents("api-done", events.get(0)[0], "result");
        assertEquals(events.size() - 1, resumed.size());
        assertEquals(events.get(1)[0], resumed.get(0)[0]);

        JsonNode one = JSON.readTree(get("/api/jobs/api-done").body());
        assertEquals("DONE", one.get("state").asText());
        HttpResponse<byte[]> frame = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/api-done/frames/0"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, frame.statusCode());
        assertEquals((byte) 0x89, frame.body()[0], "a PNG");
        assertEquals('P', frame.body()[1]);
        HttpResponse<byte[]> range = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/api-done/video"))
                .header("Range", "bytes=4-11").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertEquals("ftyp", new String(range.body(), 0, 4, StandardCharsets.US_ASCII), "bytes 4.. of an MP4");
        // Javalin may send more than asked (a chunk from the start); what it sends, Content-Range states exactly.
        String contentRange = range.headers().firstValue("Content-Range").orElse("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes 4-(\\d+)/(\\d+)").matcher(contentRange);
        assertTrue(m.matches(), contentRange);
        assertEquals(Long.parseLong(m.group(1)) - 4 + 1, range.body().length, contentRange);
        assertTrue(Long.parseLong(m.group(2)) > 1000, "the whole video's size: " + contentRange);
        JsonNode list = JSON.readTree(get("/api/jobs").body());
        boolean listed = false;
        for (JsonNode job : list) {
            listed |= job.get("jobId").asText().equals("api-done");
        }
        assertTrue(listed, list.toString());
    }

    @Test
    void cancelEndsAJobWhileItRenders() throws Exception {
        String key = service.upload(TestAudio.silenceBurstSilence(dir.resolve("long.wav"), 4, 4, 4));
        assertEquals(202, post("/api/jobs", request(key, "api-cancel").getBytes(StandardCharsets.UTF_8)).statusCode());
        readEvents("api-cancel", null, "progress");
        assertEquals(202, post("/api/jobs/api-cancel/cancel", new byte[0]).statusCode());
        List<String[]> events = readEvents("api-cancel", null, "result");
        assertEquals("CANCELLED", JSON.readTree(events.get(events.size() - 1)[2]).get("state").asText());
    }

    @Test
    void theOpenApiFileDescribesExactlyTheRegisteredRoutes() throws Exception {
        JsonNode spec;
        try (InputStream in = StudioServer.class.getResourceAsStream("/openapi.yaml")) {
            spec = new YAMLMapper().readTree(in);
        }
        Set<StudioServer.Route> described = new HashSet<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> described.add(new StudioServer.Route(method, path.getKey()))));
        assertEquals(new HashSet<>(studio.routes()), described);
    }

    @Test
    void theJobFileRoundTripsExactly() throws Exception {
        HttpResponse<String> yaml = post("/api/jobfile/yaml", "{\"prompt\": \"a forest: of glass\", \"steps\": 5, \"bends\": [\"add@0=rms[0..2]\"], \"fps\": 10}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, yaml.statusCode(), yaml.body());
        HttpResponse<String> settings = post("/api/jobfile/settings", yaml.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, settings.statusCode(), settings.body());
        assertEquals("a forest: of glass", JSON.readTree(settings.body()).get("prompt").asText());
        HttpResponse<String> again = post("/api/jobfile/yaml", settings.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(yaml.body(), again.body());
        HttpResponse<String> bad = post("/api/jobfile/settings", "steps: many\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("steps", JSON.readTree(bad.body()).get("field").asText());
    }

    static String request(String key, String jobId) {
        return "{\"schema\": 1, \"job-id\": \"" + jobId + "\", \"audio\": \"" + key + "\", \"prompt\": \"3D mesh geometry\","
                + " \"size\": \"64x64\", \"steps\": 5, \"fps\": 10, \"bends\": [\"add@0=rms[0..2]\"]}";
    }

    /** The job's event stream until an event of {@code kind}: each as {id, event, data}. */
    static List<String[]> readEvents(String jobId, String lastEventId, String until) throws Exception {
        return EventStreams.read(base, jobId, lastEventId, until, ServiceHarness.WAIT);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
