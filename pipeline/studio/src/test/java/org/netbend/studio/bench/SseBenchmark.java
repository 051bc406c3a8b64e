package org.netbend.studio.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.netbend.job.ProgressEvent;
import org.netbend.service.EmbeddedBroker;
import org.netbend.service.KafkaSettings;
import org.netbend.service.Topics;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;
import org.netbend.studio.StudioOptions;
import org.netbend.studio.StudioServer;

/**
 * The studio's live path, frame to page: for each frame the benchmark stores a PNG (as RENDER does) and then
 * writes its progress event to the progress topic (acks=all, as ASSEMBLE does), and measures until the event
 * reaches each client's event stream over HTTP on loopback (the studio's one read_committed reader, its fan-out,
 * SSE). First with one client, then with 50 clients watching the one job, spread over loopback addresses
 * 127.0.0.2.. (a client address may hold 16 streams). Every client must get every event, in order, once.
 * Not included: the service's progress throttle ({@code progress.interval}, 1 s by default), which decides how
 * often ASSEMBLE writes an event at all. Run: {@code ./netbend bench sse [EVENTS]} (default 200, one every 20 ms).
 */
public final class SseBenchmark {
    private static final String JOB = "sse-bench";

    private SseBenchmark() { }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("netbend-sse-bench-");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"), Topics.DEFAULT, 1);
             LocalStore store = new LocalStore(dir.resolve("store"));
             StudioServer studio = StudioServer.start(new StudioOptions("127.0.0.1", 0, null,
                     dir.resolve("store").toString(), Map.of(), new KafkaSettings(broker.bootstrapServers(),
                     Topics.DEFAULT, Map.of()), "toy", StudioOptions.DEFAULT_MAX_UPLOAD, dir.resolve("work")));
             KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
            System.out.printf(Locale.ROOT, "studio SSE: frame stored + progress event written -> event at the client "
                    + "(%d events, one every 20 ms)%n", events);
            run(studio, store, producer, 1, events, 0);
            run(studio, store, producer, 50, events, events);
        }
    }

    /** One round: {@code clients} streams of the job from event {@code first} on; prints the latencies. */
    private static void run(StudioServer studio, LocalStore store, KafkaProducer<String, String> producer, int clients,
            int events, int first) throws Exception {
        long[] sent = new long[first + events];
        long[][] received = new long[clients][events];
        CountDownLatch subscribed = new CountDownLatch(clients);
        CountDownLatch finished = new CountDownLatch(clients);
        List<Thread> readers = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        int[] wrong = new int[clients];
        for (int c = 0; c < clients; c++) {
            // Up to 16 streams per client address: 13 clients on each of 127.0.0.2, .3, .4 and .5.
            Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), studio.port(),
                    InetAddress.getByName("127.0.0." + (2 + c / 13)), 0);
            sockets.add(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/jobs/" + JOB + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + (first > 0 ? "Last-Event-ID: " + (first - 1) + "\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int client = c;
            Thread reader = new Thread(() -> read(socket, received[client], first, subscribed, finished, wrong, client),
                    "sse-bench-client-" + c);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every client's stream opened within 60 s");
        }
        while (studio.openEventStreams() < clients) {
            Thread.sleep(10); // every stream registered with the reader before the first event
        }
        JobKeys keys = new JobKeys(JOB);
        byte[] png = new byte[20_000]; // a small frame's PNG
        for (int i = first; i < first + events; i++) {
            long start = System.nanoTime();
            sent[i] = start;
            store.put(keys.frame(i), png);
            producer.send(new ProducerRecord<>(Topics.DEFAULT.progress(), JOB, new ProgressEvent(1, JOB,
                    ProgressEvent.Kind.PROGRESS, i + 1, 1_000_000, 1, 0, -1, -1, -1, null).toJson())).get();
            long next = start + 20_000_000L;
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
        }
        boolean all = finished.await(60, TimeUnit.SECONDS);
        for (Socket socket : sockets) {
            socket.close();
        }
        List<Double> latencies = new ArrayList<>();
        int complete = 0;
        for (int c = 0; c < clients; c++) {
            boolean got = true;
            for (int e = 0; e < events; e++) {
                if (received[c][e] == 0) {
                    got = false;
                } else {
                    latencies.add((received[c][e] - sent[first + e]) / 1e6);
                }
            }
            complete += got && wrong[c] == 0 ? 1 : 0;
        }
        double[] ms = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%2d client%s: %d/%d got every event in order once%s; latency p50 %6.1f  p95 %6.1f"
                + "  max %6.1f ms%n", clients, clients == 1 ? " " : "s", complete, clients, all ? "" : " (timed out)",
                percentile(ms, 50), percentile(ms, 95), ms.length == 0 ? Double.NaN : ms[ms.length - 1]);
        if (complete != clients) {
            throw new IllegalStateException((clients - complete) + " of " + clients + " clients missed or repeated events");
        }
        Arrays.fill(sent, 0);
    }

    /** Reads one stream: the receive time of event k (its framesDone is first + k + 1), until all have come. */
    private static void read(Socket socket, long[] received, int first, CountDownLatch subscribed, CountDownLatch finished,
            int[] wrong, int client) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            int count = 0;
            boolean open = false;
            for (String line; (line = lines.readLine()) != null; ) {
                if (!open && line.isEmpty()) {
                    open = true; // the end of the response's headers
                    subscribed.countDown();
                } else if (line.startsWith("data:")) {
                    long now = System.nanoTime();
                    int done = ProgressEvent.fromJson(line.substring(5).strip()).framesDone();
                    int k = done - 1 - first;
                    if (k != count || k >= received.length) {
                        wrong[client]++;
                    } else {
                        received[k] = now;
                        count++;
                    }
                    if (count == received.length) {
                        finished.countDown();
                        return;
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            wrong[client]++;
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
