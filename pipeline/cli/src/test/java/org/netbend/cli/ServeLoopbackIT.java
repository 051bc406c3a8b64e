package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.ListeningSockets;

/**
 * {@code netbend serve} as a user starts it (embedded broker, its own MiniCluster): every socket it listens on is
 * on loopback; and when its Flink job is cancelled from outside, through the REST API as anyone on the machine
 * could, serve says so in one line and exits, instead of calling it a bug.
 */
class ServeLoopbackIT {
    private static final Duration START = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void servesOnLoopbackOnlyAndACancelledJobEndsServeWithOneLine() throws Exception {
        List<InetSocketAddress> before = ListeningSockets.ofThisProcess();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> serve = CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(out, true),
                new PrintWriter(err, true), "serve", "--model", "toy", "--cache", dir.resolve("cache").toString(),
                "--store", dir.resolve("store").toString()));
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + START.toNanos();
            URI rest = null;
            String job = null;
            List<InetSocketAddress> opened = List.of();
            while (job == null) {
                assertFalse(serve.isDone(), () -> "serve ended before its job ran: " + err);
                assertTrue(System.nanoTime() < deadline, () -> "the service job was not RUNNING on a REST server of "
                        + "this JVM within " + START.toSeconds() + " s; serve said: " + err);
                opened = new ArrayList<>(ListeningSockets.ofThisProcess());
                opened.removeAll(before);
                rest = rest != null ? rest : restServer(http, opened);
                job = rest == null ? null : runningJob(http, rest);
                if (job == null) {
                    Thread.sleep(500);
                }
            }
            // The broker's client port, the REST server and whatever else serve opened: all on loopback.
            int brokerPort = brokerPort(err.toString());
            assertTrue(opened.stream().anyMatch(s -> s.getPort() == brokerPort), "broker port " + brokerPort
                    + " among " + opened);
            assertEquals(List.of(), ListeningSockets.beyondLoopback(opened), "serve listens beyond loopback: " + opened);

            cancel(http, rest, job);
            int code = serve.get(120, TimeUnit.SECONDS); // waits for serve to notice the cancel and stop
            String said = err.toString();
            assertEquals(1, code, said);
            assertTrue(said.contains("netbend: the service job was cancelled"), said);
            assertFalse(said.contains("looks like a bug"), said);
        } finally {
            serve.cancel(true);
        }
    }

    /** Cancels a Flink job through the REST API, as anyone on the machine could; checks that it was accepted. */
    static void cancel(HttpClient http, URI rest, String job) throws Exception {
        HttpResponse<String> cancel = http.send(HttpRequest.newBuilder(rest.resolve("/jobs/" + job + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, cancel.statusCode(), cancel.body());
    }

    /** The REST server among the sockets serve opened: the one that answers Flink's job overview. */
    static URI restServer(HttpClient http, List<InetSocketAddress> sockets) {
        for (InetSocketAddress socket : sockets) {
            URI uri = URI.create("http://127.0.0.1:" + socket.getPort());
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri.resolve("/jobs/overview"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && JSON.readTree(answer.body()).has("jobs")) {
                    return uri;
                }
            } catch (IOException e) {
                // not an HTTP server (the broker's ports, the BLOB server)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return null;
    }

    static String runningJob(HttpClient http, URI rest) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(rest.resolve("/jobs/overview"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode job : JSON.readTree(answer.body()).path("jobs")) {
            if ("RUNNING".equals(job.path("state").asText())) {
                return job.path("jid").asText();
            }
        }
        return null;
    }

    /** From "started a one-node Kafka broker at HOST:PORT". */
    private static int brokerPort(String said) {
        String marker = "Kafka broker at ";
        int at = said.indexOf(marker);
        assertTrue(at >= 0, said);
        String address = said.substring(at + marker.length()).split("\\s")[0];
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
