package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live WebSocket without a browser: a page streams PCM as its microphone and gets frames back whose bend
 * follows the audio; controls (a bad bend keeps the old one, an edit takes effect within a few frames, remove);
 * a page that drops leaves the loop serving the next one; Origin and token checks on the upgrade.
 */
class LiveApiIT {
    static final String BEND = "add@0=rms[0..2]|input(0,1)";

    @TempDir static Path dir;
    static LiveHarness live;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveHarness(dir.resolve("cache"), List.of(BEND), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
            assertEquals("stopped", live.report().ended(), "the loop ends because it was stopped");
        }
    }

    /** 220 Hz whose amplitude rises from 0.02 to 0.9 over {@code seconds}, in 2048-sample chunks. */
    static List<float[]> rising(double seconds) {
        int n = (int) (seconds * LiveHarness.RATE);
        List<float[]> chunks = new ArrayList<>();
        for (int from = 0; from < n; from += 2048) {
            float[] chunk = new float[Math.min(2048, n - from)];
            for (int i = 0; i < chunk.length; i++) {
                int k = from + i;
                double amplitude = 0.02 + 0.88 * k / n;
                chunk[i] = (float) (amplitude * Math.sin(2 * Math.PI * 220 * k / LiveHarness.RATE));
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    /** Streams the rising tone again and again at about twice real time until stopped. */
    static Thread streaming(LiveWsClient page, AtomicBoolean running) {
        Thread pusher = new Thread(() -> {
            try {
                while (running.get()) {
                    for (float[] chunk : rising(2)) {
                        if (!running.get()) {
                            return;
                        }
                        page.pcm(chunk);
                        Thread.sleep(20);
                    }
                }
            } catch (Exception e) {
                running.set(false); // the socket closed under us: the test that closed it expects this
            }
        }, "live-it-pcm");
        pusher.setDaemon(true);
        pusher.start();
        return pusher;
    }

    @Test
    void framesFollowThePagesMicrophoneAndControlsActLive() throws Exception {
        try (LiveWsClient page = new LiveWsClient(live.ws(), Map.of())) {
            JsonNode hello = page.next("hello");
            assertEquals("microphone", hello.path("mode").asText());
            assertEquals(LiveHarness.RATE, hello.path("sampleRate").asInt());
            assertTrue(hello.path("bends").get(0).path("text").asText().startsWith("add@0=rms"), hello.toString());
            int first = hello.path("bends").get(0).path("id").asInt();

            page.pcm(new float[2048]);
            assertTrue(page.next("error").path("message").asText().contains("microphone"),
                    "PCM before announcing the microphone is refused");
            page.send(Map.of("type", "microphone", "rate", 48000));
            assertTrue(page.next("error").path("message").asText().contains("44100"), "a wrong rate is named");
            page.send(Map.of("type", "microphone", "rate", LiveHarness.RATE));
            assertTrue(page.next("result").path("accepted").asBoolean());

            // One pass of the rising tone, in order: the frames' bend value rises with the audio.
            for (float[] chunk : rising(3)) {
                page.pcm(chunk);
                Thread.sleep(20);
            }
            List<LiveWsClient.Frame> frames = new ArrayList<>();
            while (frames.size() < 6 || frames.get(frames.size() - 1).n() < 20) {
                frames.add(page.frame("a frame of the first 3 s", f -> true, null));
            }
            for (int i = 1; i < frames.size(); i++) {
                assertTrue(frames.get(i).n() > frames.get(i - 1).n(), "frames in order, never repeated");
            }
            LiveWsClient.Frame early = frames.get(0);
            LiveWsClient.Frame late = frames.get(frames.size() - 1);
            assertEquals((byte) 0xFF, late.jpeg()[0]);
            assertEquals((byte) 0xD8, late.jpeg()[1], "a JPEG follows the header");
            assertArrayEquals(new int[] {first}, late.bends());
            assertTrue(late.param(0) > early.param(0) + 0.5, "the rms bend rises with the audio: frame "
                    + early.n() + " " + early.param(0) + ", frame " + late.n() + " " + late.param(0));
            assertEquals(late.n() / LiveHarness.SETTINGS.fps(), late.header().path("start").asDouble(), 1e-9);

            AtomicBoolean running = new AtomicBoolean(true);
            Thread pusher = streaming(page, running);
            try {
                // A bend that does not parse: the message and its span; the old bend stays.
                page.send(Map.of("type", "add", "text", "add@0=rms[0..x]"));
                JsonNode bad = page.next("result");
                assertFalse(bad.path("accepted").asBoolean());
                assertFalse(bad.path("message").asText().isBlank());
                assertTrue(bad.path("start").asInt() >= 0 && bad.path("end").asInt() > bad.path("start").asInt(),
                        bad.toString());
                assertArrayEquals(new int[] {first}, page.frame("a frame after the refusal", f -> true, null).bends());

                // An edit: the frames carry the new bend within a few frames of the answer.
                page.send(Map.of("type", "edit", "id", first, "text", "add@0=rms[5..6]|input(0,1)"));
                JsonNode edited = page.next("result");
                assertTrue(edited.path("accepted").asBoolean(), edited.toString());
                int second = edited.path("bendId").asInt();
                long answered = edited.path("seq").asLong();
                int[] stale = {0}; // frames with the old bend that arrived after the answer
                LiveWsClient.Frame after = page.frame("a frame with the edited bend", f -> {
                    boolean edit = f.bends().length == 1 && f.bends()[0] == second;
                    stale[0] += !edit && f.seq() > answered ? 1 : 0;
                    return edit;
                }, null);
                assertTrue(stale[0] <= 4, stale[0] + " frames still had the old bend after the edit was accepted");
                assertTrue(after.param(0) >= 5 && after.param(0) <= 6, "the new range: " + after.param(0));
                try (LiveWsClient watcher = new LiveWsClient(live.ws(), Map.of())) {
                    JsonNode state = watcher.next("hello").path("bends");
                    assertEquals(1, state.size(), "a page that connects now sees the edited bend alone: " + state);
                    assertEquals(second, state.get(0).path("id").asInt());
                }

                page.send(Map.of("type", "remove", "id", second));
                assertTrue(page.next("result").path("accepted").asBoolean());
                page.frame("a frame with no bend", f -> f.bends().length == 0, null);
                page.send(Map.of("type", "add", "text", BEND));
                assertTrue(page.next("result").path("accepted").asBoolean());

                page.send(Map.of("type", "prompt", "text", "a forest", "fade", 3));
                assertEquals("a forest", page.next("prompt").path("prompt").asText());
                page.send(Map.of("type", "teleport"));
                assertTrue(page.next("error").path("message").asText().contains("unknown control"));
                page.sendText("{not json");
                assertTrue(page.next("error").path("message").asText().contains("JSON"));
            } finally {
                running.set(false);
                pusher.join(10_000);
            }
        }
    }

    /**
     * A site bend from the page: "preparing" at once, then a control message naming the frame it is in from. Its
     * own session: the shared one's audio history must start with the first test's tone.
     */
    @Test
    void aSiteBendIsBuiltOffTheLoopThenInEffect() throws Exception {
        try (LiveHarness own = new LiveHarness(dir.resolve("cache"), List.of(BEND), null);
                LiveWsClient page = new LiveWsClient(own.ws(), Map.of())) {
            page.next("hello");
            page.send(Map.of("type", "microphone", "rate", LiveHarness.RATE));
            assertTrue(page.next("result").path("accepted").asBoolean());
            AtomicBoolean running = new AtomicBoolean(true);
            Thread pusher = streaming(page, running);
            try {
                page.send(Map.of("type", "add", "text", "multiply@every/up.7=2"));
                JsonNode unknown = page.next("result");
                assertFalse(unknown.path("accepted").asBoolean());
                assertTrue(unknown.path("message").asText().contains("unknown site 'up.7'; this model's sites: "),
                        unknown.toString());

                page.send(Map.of("type", "add", "text", "multiply@every/mid=2"));
                JsonNode preparing = page.next("result");
                assertTrue(preparing.path("accepted").asBoolean() && preparing.path("preparing").asBoolean(),
                        preparing.toString());
                int id = preparing.path("bendId").asInt();
                JsonNode control = page.next("control");
                assertTrue(control.path("inEffect").asBoolean(), control.toString());
                assertEquals(id, control.path("bendId").asInt());
                LiveWsClient.Frame bent = page.frame("a frame with the site bend",
                        f -> java.util.Arrays.stream(f.bends()).anyMatch(b -> b == id), null);
                assertTrue(bent.n() >= control.path("frame").asInt(), "not before the frame the message names");

                page.send(Map.of("type", "remove", "id", id));
                assertTrue(page.next("result").path("accepted").asBoolean());
                page.frame("a frame without the site bend",
                        f -> java.util.Arrays.stream(f.bends()).noneMatch(b -> b == id), null);
            } finally {
                running.set(false);
                pusher.join(10_000);
            }
        }
    }

    @Test
    void aPageThatDropsLeavesTheLoopServingTheNext() throws Exception {
        LiveWsClient first = new LiveWsClient(live.ws(), Map.of());
        first.next("hello");
        first.send(Map.of("type", "microphone", "rate", LiveHarness.RATE));
        first.next("result");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread pusher = streaming(first, running);
        first.frame("a frame before the drop", f -> true, null);
        first.close(); // abort: no close handshake, as a crashed tab
        running.set(false);
        pusher.join(10_000);
        long end = System.nanoTime() + LiveWsClient.WAIT.toNanos();
        while (live.server.clients() > 0 || live.stream.clients() > 0) {
            if (System.nanoTime() > end) {
                fail("waited " + LiveWsClient.WAIT.toSeconds() + " s for the dropped page to be let go");
            }
            Thread.sleep(50);
        }
        assertTrue(live.loopAlive(), "the loop keeps running without a page");

        try (LiveWsClient next = new LiveWsClient(live.ws(), Map.of())) {
            next.next("hello");
            next.send(Map.of("type", "microphone", "rate", LiveHarness.RATE));
            assertTrue(next.next("result").path("accepted").asBoolean(), "the dropped page no longer owns the input");
            AtomicBoolean again = new AtomicBoolean(true);
            Thread second = streaming(next, again);
            try {
                next.frame("a frame for the next page", f -> true, null);
            } finally {
                again.set(false);
                second.join(10_000);
            }
        }
    }

    @Test
    void theUpgradeChecksOriginAndToken() throws Exception {
        String refused = handshakeRefusal(live.ws(), Map.of("Origin", "http://evil.example"));
        assertTrue(refused.contains("403"), refused);
        try (LiveWsClient same = new LiveWsClient(live.ws(), Map.of("Origin", live.http()))) {
            same.next("hello");
        }
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(live.http()
                + "/live.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        HttpResponse<String> root = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(live.http()
                + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(root.statusCode() == 302 || root.statusCode() == 301, "/ leads to the live page: "
                + root.statusCode());
        HttpResponse<String> noFile = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(live.http()
                + "/api/live/audio")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, noFile.statusCode());
        assertTrue(noFile.body().contains("plays no file"), noFile.body());

        BearerToken token = new BearerToken("a-token-of-thirty-two-characters");
        try (LiveStream idle = new LiveStream(10);
                LiveServer guarded = LiveServer.start("127.0.0.1", 0, token, new LiveSession(live.loop,
                        "3D mesh geometry", live.microphone, null, null), idle)) {
            String ws = "ws://127.0.0.1:" + guarded.port() + "/api/live";
            assertTrue(handshakeRefusal(ws, Map.of()).contains("401"));
            try (LiveWsClient withToken = new LiveWsClient(ws, Map.of("Authorization", "Bearer " + token.reveal()))) {
                assertEquals("microphone", withToken.next("hello").path("mode").asText());
            }
        }
        try (LiveStream idle = new LiveStream(10)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> LiveServer.start("0.0.0.0", 0, null, new LiveSession(live.loop, "p", live.microphone,
                            null, null), idle));
            assertTrue(e.getMessage().contains("needs a token"), e.getMessage());
        }
    }

    @Test
    void aFilePlayedInThePageDrivesTheLoopByItsClock() throws Exception {
        float[] tone = new float[3 * LiveHarness.RATE];
        int k = 0;
        for (float[] chunk : rising(3)) {
            System.arraycopy(chunk, 0, tone, k, chunk.length);
            k += chunk.length;
        }
        Path wav = org.netbend.farm.TestAudio.writeWav(dir.resolve("played.wav"), tone);
        try (LiveHarness played = new LiveHarness(dir.resolve("cache"), List.of(BEND), null, wav);
                LiveWsClient page = new LiveWsClient(played.ws(), Map.of());
                LiveWsClient other = new LiveWsClient(played.ws(), Map.of())) {
            JsonNode hello = page.next("hello");
            assertEquals("file", hello.path("mode").asText());
            HttpResponse<byte[]> audio = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    played.http() + hello.path("audio").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, audio.statusCode());
            assertEquals(java.nio.file.Files.size(wav), audio.body().length, "the page gets the whole file to play");
            assertEquals("audio/wav", audio.headers().firstValue("Content-Type").orElse(""));

            // Paused at 0.5 s: the loop renders up to the frame under 0.5 s + the expected latency, then waits.
            page.send(Map.of("type", "clock", "t", 0.5, "playing", false));
            double lead = page.next("clock").path("lead").asDouble();
            assertTrue(lead > 0 && lead < 1, "the lead is the expected latency: " + lead);
            int expected = (int) Math.floor((0.5 + lead) * LiveHarness.SETTINGS.fps()) - 1;
            LiveWsClient.Frame paused = page.frame("frame " + expected + " (the player paused at 0.5 s)",
                    f -> f.n() >= expected - 1, null);
            assertTrue(paused.n() <= expected + 2, "no frame far past the player: " + paused.n());

            other.next("hello");
            other.send(Map.of("type", "clock", "t", 2.0, "playing", true));
            assertTrue(other.next("error").path("message").asText().contains("another page plays"));

            // A jump to 2 s (a seek): the loop skips to the frame under it.
            page.send(Map.of("type", "clock", "t", 2.0, "playing", false));
            LiveWsClient.Frame jumped = page.frame("a frame at 2 s", f -> f.n() >= 19, null);
            assertTrue(jumped.param(0) > paused.param(0), "louder at 2 s of the rising tone");
            page.send(Map.of("type", "clock", "t", -1, "playing", false));
            assertTrue(page.next("error").path("message").asText().contains(">= 0"));
        }
    }

    /** The handshake's failure as text (the status code is in it), or a failed test if it was accepted. */
    private static String handshakeRefusal(String uri, Map<String, String> headers) {
        try {
            new LiveWsClient(uri, headers).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode() + " " + h.getResponse().body();
            }
            return e.getCause().toString();
        }
        return fail("the upgrade to " + uri + " with " + headers.keySet() + " was accepted");
    }
}
