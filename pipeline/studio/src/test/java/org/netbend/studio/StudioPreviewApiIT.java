package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.job.JobState;
import org.netbend.service.ServiceHarness;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * Previews and galleries through the studio's API, in front of the real service (KRaft broker, S3 server, the
 * service job on a MiniCluster, toy model): a preview is a job of its own with every k-th frame, and a gallery's
 * cells are jobs the service renders.
 */
class StudioPreviewApiIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir static Path dir;
    static ServiceHarness service;
    static StudioServer studio;
    static String base;
    static String audio;

    @BeforeAll
    static void start() throws Exception {
        service = new ServiceHarness(dir, 1);
        service.startService();
        studio = StudioServer.start(StudioApiIT.options(dir, service, null));
        base = "http://127.0.0.1:" + studio.port();
        audio = service.upload(TestAudio.silenceBurstSilence(dir.resolve("two.wav"), 0.8, 0.4, 0.8));
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

    /** 2 s at 10 fps: 20 frames; 4 steps at 64x64 with a bend at layer 2. */
    static String render(String extra) {
        return "{\"schema\": 1, \"audio\": \"" + audio + "\", \"prompt\": \"3D mesh geometry\", \"size\": \"64x64\","
                + " \"steps\": 4, \"fps\": 10, \"bends\": [\"rotate-r1@2=rms[0..2pi]\"]" + extra + "}";
    }

    @Test
    void aPreviewIsAJobOfItsOwnWithEveryKthFrameAndLeavesTheRenderAlone() throws Exception {
        String full = created(post("/api/jobs", render("")));
        String preview = created(post("/api/jobs", render(", \"preview\": {\"every\": 4, \"steps\": 2}")));
        assertNotEquals(full, preview, "a preview never shares the full render's job id (or store prefix)");
        assertEquals(JobState.DONE, service.awaitResult(preview).state());
        assertEquals(List.of(0, 1, 2, 3, 4), frames(preview), "frames 0, 4, 8, 12, 16 of the 20 as 0..4");
        JsonNode one = JSON.readTree(get("/api/jobs/" + preview).body());
        assertEquals(5, one.get("framesTotal").asInt(), one.toString());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + preview + "/video")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the preview's video at fps / every");
        try (ObjectStore store = service.store()) {
            String json = new String(store.get(new JobKeys(preview).request()).orElseThrow(), StandardCharsets.UTF_8);
            JsonNode request = JSON.readTree(json);
            assertEquals(4, request.get("preview").get("every").asInt(), json);
            assertEquals(2, request.get("steps").asInt(), json);
            assertEquals("rotate-r1@1=rms[0..2pi]", request.get("bends").get(0).asText(), "layer 2 of 4 is 1 of 2");
        }
        assertEquals(JobState.DONE, service.awaitResult(full).state());
        assertEquals(20, frames(full).size(), "the full render has all its frames");
        try (ObjectStore store = service.store()) {
            assertFalse(new String(store.get(new JobKeys(full).request()).orElseThrow(), StandardCharsets.UTF_8)
                    .contains("preview"), "the full render's request is untouched");
        }
    }

    @Test
    void aBadPreviewIsRefusedNamingItsField() throws Exception {
        HttpResponse<String> refused = post("/api/jobs", render(", \"preview\": {\"every\": 0}"));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("preview.every", JSON.readTree(refused.body()).get("field").asText(), refused.body());
    }

    @Test
    void aGallerysCellsAreJobsOnTheServiceAndAppearAsTheirFramesAreStored() throws Exception {
        String gallery = "{\"request\": " + render(", \"job-id\": \"not-a-cell\"") + ", \"bend\": \"rotate-r1@2=VALUES\","
                + " \"values\": \"0..pi:2\", \"layers\": [\"0\", \"2\"]}";
        HttpResponse<String> answer = post("/api/galleries", gallery);
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode grid = JSON.readTree(answer.body());
        assertEquals("[\"layer 0\",\"layer 2\"]", grid.get("rows").toString());
        assertEquals("[\"no bend\",\"0.00\",\"3.14\"]", grid.get("columns").toString());
        JsonNode cells = grid.get("cells");
        assertEquals(6, cells.size(), "2 rows x (1 + 2 values)");
        assertEquals(cells.get(0).get("jobId"), cells.get(3).get("jobId"), "the plain cell is one job for every row");
        assertEquals("rotate-r1@2=3.141592653589793", cells.get(5).get("bend").asText());
        Set<String> jobs = new HashSet<>();
        cells.forEach(c -> jobs.add(c.get("jobId").asText()));
        assertEquals(5, jobs.size(), "five distinct looks");
        assertFalse(jobs.contains("not-a-cell"), "a cell's id is its own request's");
        List<byte[]> looks = new ArrayList<>();
        for (String id : List.of(cells.get(0).get("jobId").asText(), cells.get(5).get("jobId").asText())) {
            assertEquals(JobState.DONE, service.awaitResult(id).state(), id);
            assertEquals(List.of(0), frames(id), "a cell is one frame");
            looks.add(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + id + "/frames/0")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());
        }
        assertFalse(Arrays.equals(looks.get(0), looks.get(1)), "a half-turn at layer 2 changes the look");
    }

    @Test
    void aBadGalleryIsRefusedBeforeAnyCellIsSent() throws Exception {
        HttpResponse<String> noValues = post("/api/galleries", "{\"request\": " + render("")
                + ", \"bend\": \"rotate-r1@2=1\", \"values\": \"0..1:2\"}");
        assertEquals(400, noValues.statusCode(), noValues.body());
        assertTrue(noValues.body().contains("VALUES"), noValues.body());
        HttpResponse<String> pastTheSteps = post("/api/galleries", "{\"request\": " + render("")
                + ", \"bend\": \"rotate-r1@2=VALUES\", \"values\": \"0..1:2\", \"layers\": [\"1\", \"9\"]}");
        assertEquals(400, pastTheSteps.statusCode(), pastTheSteps.body());
        assertTrue(pastTheSteps.body().contains("layer 9"), "names the cell: " + pastTheSteps.body());
        HttpResponse<String> tooMany = post("/api/galleries", "{\"request\": " + render("")
                + ", \"bend\": \"rotate-r1@2=VALUES\", \"values\": \"0..1:40\", \"layers\": [\"1\", \"2\"]}");
        assertEquals(400, tooMany.statusCode(), tooMany.body());
        assertEquals("values", JSON.readTree(tooMany.body()).get("field").asText());
        HttpResponse<String> noRequest = post("/api/galleries", "{\"bend\": \"rotate-r1@2=VALUES\", \"values\": \"0,1\"}");
        assertEquals(400, noRequest.statusCode(), noRequest.body());
        assertEquals("request", JSON.readTree(noRequest.body()).get("field").asText());
    }

    private static String created(HttpResponse<String> response) throws Exception {
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("jobId").asText();
    }

    private static List<Integer> frames(String jobId) throws Exception {
        List<Integer> frames = new ArrayList<>();
        JSON.readTree(get("/api/jobs/" + jobId + "/frames").body()).forEach(n -> frames.add(n.asInt()));
        frames.sort(null);
        return frames;
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
