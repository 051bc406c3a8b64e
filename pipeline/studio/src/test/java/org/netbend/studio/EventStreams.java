package org.netbend.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test's reader of a job's event stream: each event as {id, event, data}, until one of a kind, then dropped. */
final class EventStreams {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private EventStreams() { }

    static List<String[]> read(String base, String jobId, String lastEventId, String until, Duration wait)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + jobId + "/events"))
                .header("Accept", "text/event-stream").timeout(wait);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<String[]> events = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            for (String line; System.nanoTime() < deadline && (line = lines.readLine()) != null; ) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    events.add(new String[] {id, event, line.substring(5).strip()});
                    if (until.equals(event)) {
                        return events;
                    }
                }
            }
        }
        throw new AssertionError("no '" + until + "' event of job " + jobId + " within " + wait.toSeconds()
                + " s; events: " + events.stream().map(e -> e[1]).toList());
    }
}
