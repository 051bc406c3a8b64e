package org.netbend.studio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.netbend.farm.bench.AlbumBenchmark;
import org.netbend.service.EmbeddedBroker;
import org.netbend.service.KafkaSettings;
import org.netbend.service.Topics;
import org.netbend.studio.StudioOptions;
import org.netbend.studio.StudioServer;

/**
 * The studio's API on a long track, through HTTP on loopback as the page calls it: the upload, the first feature
 * lanes (analysis included) and the same again from the cache, then five bends' parameter tracks as the page asks
 * for them on each edit (round trip and the server's compute time, p50 and p95 over 40 edits after a warm-up):
 * every frame's value, and min/max per column of a 1200-pixel lane over the whole track and a zoomed minute.
 * Run: {@code ./netbend bench studio [MINUTES]} (default 10, 20 fps). Figures only; the browser's drawing time is
 * printed by StudioBrowserIT and StudioEditorBrowserIT.
 */
public final class StudioBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Counts edits across the runs, so that no edit repeats an earlier one (the server keeps recent tracks). */
    private static final AtomicInteger EDITS = new AtomicInteger();

    private StudioBenchmark() { }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        org.netbend.assemble.FFmpegLogging.errorsOnly();
        Path dir = Files.createTempDirectory("netbend-studio-bench-");
        Path track = AlbumBenchmark.quietTrack(dir.resolve("long.wav"), minutes * 60);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"), Topics.DEFAULT, 1);
             StudioServer studio = StudioServer.start(new StudioOptions("127.0.0.1", 0, null,
                     dir.resolve("store").toString(), Map.of(), new KafkaSettings(broker.bootstrapServers(),
                     Topics.DEFAULT, Map.of()), "toy", StudioOptions.DEFAULT_MAX_UPLOAD, dir.resolve("work")))) {
            String base = "http://127.0.0.1:" + studio.port();
            long t0 = System.nanoTime();
            JsonNode up = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/audio?name=long.wav"))
                    .POST(HttpRequest.BodyPublishers.ofFile(track))));
            double upload = ms(t0);
            t0 = System.nanoTime();
            String features = send(HttpRequest.newBuilder(URI.create(base + "/api/audio/" + up.get("id").asText()
                    + "/features?fps=20")));
            double first = ms(t0);
            t0 = System.nanoTime();
            send(HttpRequest.newBuilder(URI.create(base + "/api/audio/" + up.get("id").asText() + "/features?fps=20")));
            double cached = ms(t0);
            String body = "{\"audio\": \"" + up.get("key").asText() + "\", \"fps\": 20, \"lanes\": {\"swell\": "
                    + "\"0:(0), 60:(1), 120:(0)\"}, \"bends\": [\"rotate-r1@40=rms[0..2pi]\", \"add@0=onset_env[0..EDIT]\","
                    + " \"add@20=max(rms,lane:swell)[0..2]|median(5)\", \"multiply@10=centroid[1..1.5]|smooth(0.8)\","
                    + " \"rotate-r1@30=rms[0..2pi]|envelope(5,300)\"]";
            // Every frame's value (as before), then as the page asks now: min/max per column of a 1200-pixel lane,
            // over the whole track and over a one-minute zoomed window. Each edit changes one bend, as typing does
            // (EDIT becomes a new bound each time); the other four come from the server's cache.
            Edits all = edits(base, body + "}");
            Edits whole = edits(base, body + ", \"from\": 0, \"to\": " + minutes * 60 + ", \"columns\": 1200}");
            Edits zoomed = edits(base, body + ", \"from\": 60, \"to\": 120, \"columns\": 1200}");
            System.out.printf(Locale.ROOT, "studio API, %.0f-minute track at 20 fps (%d frames)%n", minutes,
                    JSON.readTree(features).get("frameCount").asInt());
            System.out.printf(Locale.ROOT, "%-48s %10.1f ms%n", "upload (" + Files.size(track) / 1_000_000 + " MB)", upload);
            System.out.printf(Locale.ROOT, "%-48s %10.1f ms (%d kB JSON)%n", "first feature lanes (analysis included)",
                    first, features.length() / 1000);
            System.out.printf(Locale.ROOT, "%-48s %10.1f ms%n", "feature lanes again (cached)", cached);
            all.print("every frame");
            whole.print("1200 columns, whole track");
            zoomed.print("1200 columns, 1-minute window");
        }
    }

    /** Five bends' tracks over 40 edits after five warm-up ones: server compute and round trip. */
    private record Edits(double[] compute, double[] roundTrip, int bytes) {
        void print(String how) {
            System.out.printf(Locale.ROOT, "%-48s p50 %6.1f  p95 %6.1f ms%n", "5 bends' tracks, " + how + ": compute",
                    percentile(compute, 50), percentile(compute, 95));
            System.out.printf(Locale.ROOT, "%-48s p50 %6.1f  p95 %6.1f ms%n", "  HTTP round trip (" + bytes / 1000 + " kB)",
                    percentile(roundTrip, 50), percentile(roundTrip, 95));
        }
    }

    private static Edits edits(String base, String template) throws Exception {
        int edits = 40;
        double[] roundTrip = new double[edits];
        double[] compute = new double[edits];
        int bytes = 0;
        for (int i = -5; i < edits; i++) { // five warm-up edits
            String body = template.replace("EDIT", String.valueOf(2 + EDITS.incrementAndGet() / 1000.0));
            long t0 = System.nanoTime();
            String received = send(HttpRequest.newBuilder(URI.create(base + "/api/tracks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            double trip = ms(t0);
            JsonNode answer = JSON.readTree(received);
            if (i >= 0) {
                roundTrip[i] = trip;
                compute[i] = answer.get("computeMillis").asDouble();
                bytes = received.length();
            }
            if (answer.get("errors").size() > 0) {
                throw new IllegalStateException("a benchmark bend does not parse: " + answer.get("errors"));
            }
        }
        return new Edits(compute, roundTrip, bytes);
    }

    private static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
