package org.netbend.service.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.netbend.assemble.FFmpegLogging;
import org.netbend.farm.RunOptions;
import org.netbend.farm.SlotOrder;
import org.netbend.farm.bench.AlbumBenchmark;
import org.netbend.job.AudioKeys;
import org.netbend.job.JobResult;
import org.netbend.service.EmbeddedBroker;
import org.netbend.service.KafkaSettings;
import org.netbend.service.ServiceConfig;
import org.netbend.service.ServiceTopology;
import org.netbend.service.Topics;
import org.netbend.store.LocalStore;

/**
 * Many jobs on one service, with the album benchmark's fake renderer (about 1 ms a frame, 16x16 frames, the real
 * store, chunks and mux). Prints: how long a 10-frame job submitted while an album renders takes, with fair slots
 * and with FIFO; the completion times of 20 jobs submitted at once; the farm overhead per frame in service mode.
 * <pre>
 * mvn -q -o -pl pipeline/service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test
 * java -Xmx2g -cp pipeline/service/target/test-classes:pipeline/service/target/classes:$(cat pipeline/service/target/cp.txt) \
 *     org.netbend.service.bench.ServiceBenchmark [ALBUM_FRAMES]
 * </pre>
 */
public final class ServiceBenchmark {
    private static final double FPS = 20;
    private static final Duration WAIT = Duration.ofMinutes(30);

    private ServiceBenchmark() { }

    public static void main(String[] args) throws Exception {
        int albumFrames = args.length > 0 ? Integer.parseInt(args[0]) : 72_000;
        FFmpegLogging.errorsOnly(); // as the album benchmark: a log line per chunk would count as overhead
        Path root = Files.createTempDirectory("netbend-service-bench");
        System.out.printf(Locale.ROOT, "service benchmark: album of %d frames, fake renderer ~1 ms/frame, 1 slot%n",
                albumFrames);
        for (SlotOrder order : new SlotOrder[] {SlotOrder.FAIR, SlotOrder.FIFO}) {
            try (Service service = new Service(root.resolve(order.name().toLowerCase(Locale.ROOT)), order, 1)) {
                String album = service.track("album", albumFrames / FPS);
                String single = service.track("single", 10 / FPS);
                long albumStart = System.nanoTime();
                service.submit("album", album);
                service.awaitFirstProgress("album");
                long submitted = System.nanoTime();
                service.submit("single", single);
                service.awaitResult("single");
                double singleSeconds = (System.nanoTime() - submitted) / 1e9;
                service.awaitResult("album");
                double albumSeconds = (System.nanoTime() - albumStart) / 1e9;
                System.out.printf(Locale.ROOT, "%s: 10-frame job done %.1f s after it was submitted; album %.1f s "
                        + "(%.2f ms per frame wall, %.2f ms farm overhead per frame)%n", order, singleSeconds,
                        albumSeconds, albumSeconds * 1000 / albumFrames,
                        albumSeconds * 1000 / albumFrames - AlbumBenchmark.RENDER_NANOS.getAndSet(0) / 1e6 / (albumFrames + 10));
            }
        }
        try (Service service = new Service(root.resolve("twenty"), SlotOrder.FAIR, 1)) {
            String track = service.track("job", 200 / FPS);
            long start = System.nanoTime();
            for (int j = 0; j < 20; j++) {
                service.submit("job-" + j, track, ", \"seed\": " + j);
            }
            List<Double> seconds = new ArrayList<>();
            int done = 0;
            for (int j = 0; j < 20; j++) {
                JobResult result = service.awaitResult("job-" + j);
                seconds.add((System.nanoTime() - start) / 1e9);
                done += result.state() == org.netbend.job.JobState.DONE ? 1 : 0;
            }
            Collections.sort(seconds);
            System.out.printf(Locale.ROOT, "20 jobs of 200 frames submitted at once: %d DONE; completion min %.1f s, "
                    + "median %.1f s, max %.1f s%n", done, seconds.get(0), seconds.get(10), seconds.get(19));
        }
    }

    /** A broker, a local store and the service job on a local MiniCluster, with the fake renderer. */
    private static final class Service implements AutoCloseable {
        final Path dir;
        final EmbeddedBroker broker;
        final RunOptions run;
        final JobClient job;
        final KafkaProducer<String, String> producer;
        final Map<String, JobResult> results = new ConcurrentHashMap<>();
        final Map<String, Boolean> progress = new ConcurrentHashMap<>();
        final Thread reader;
        volatile boolean reading = true;

        Service(Path dir, SlotOrder order, int slots) throws Exception {
            this.dir = Files.createDirectories(dir);
            broker = EmbeddedBroker.start(dir.resolve("kafka"), Topics.DEFAULT, 1);
            run = new RunOptions(dir.resolve("store").toString(), slots, false, "cpu", 1, 1,
                    dir.resolve("cache").toString());
            ServiceConfig config = ServiceConfig.defaults(new KafkaSettings(broker.bootstrapServers(), Topics.DEFAULT,
                    Map.of()), run, "fake").withCheckpointInterval(Duration.ofSeconds(2));
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(slots + 1, conf);
            ServiceTopology.build(env, config, new AlbumBenchmark.FakeRenderer(), order);
            job = env.executeAsync("netbend service benchmark");
            Properties p = new Properties();
            p.setProperty("bootstrap.servers", broker.bootstrapServers());
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
            reader = new Thread(this::read, "bench-reader");
            reader.setDaemon(true);
            reader.start();
        }

        String track(String name, double seconds) throws Exception {
            Path file = AlbumBenchmark.quietTrack(dir.resolve(name + ".wav"), seconds);
            String key = AudioKeys.of(file);
            try (LocalStore store = new LocalStore(Path.of(run.store()))) {
                store.putFile(key, file);
            }
            return key;
        }

        void submit(String id, String audio) throws Exception {
            submit(id, audio, "");
        }

        void submit(String id, String audio, String extra) throws Exception {
            String request = "{\"schema\": 1, \"job-id\": \"" + id + "\", \"audio\": \"" + audio + "\", \"prompt\": "
                    + "\"benchmark\", \"model\": \"fake\", \"fps\": " + FPS + ", \"steps\": 1, \"guidance\": 1, "
                    + "\"size\": \"16x16\", \"walk\": \"independent\", \"segment-length\": 40" + extra + "}";
            producer.send(new ProducerRecord<>(Topics.DEFAULT.requests(), id, request)).get(60, TimeUnit.SECONDS);
        }

        void awaitFirstProgress(String id) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!progress.containsKey(id)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no progress of " + id + " within " + WAIT);
                }
                Thread.sleep(20);
            }
        }

        JobResult awaitResult(String id) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!results.containsKey(id)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no result of " + id + " within " + WAIT);
                }
                Thread.sleep(20);
            }
            return results.get(id);
        }

        private void read() {
            Properties p = new Properties();
            p.setProperty("bootstrap.servers", broker.bootstrapServers());
            p.setProperty("isolation.level", "read_committed");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new StringDeserializer())) {
                List<TopicPartition> partitions = List.of(new TopicPartition(Topics.DEFAULT.results(), 0),
                        new TopicPartition(Topics.DEFAULT.progress(), 0));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (reading) {
                    consumer.poll(Duration.ofMillis(50)).forEach(r -> {
                        if (r.topic().equals(Topics.DEFAULT.results())) {
                            results.put(r.key(), JobResult.fromJson(r.value()));
                        } else {
                            progress.put(r.key(), true);
                        }
                    });
                }
            }
        }

        @Override
        public void close() throws Exception {
            reading = false;
            job.cancel().get(60, TimeUnit.SECONDS);
            reader.join(10_000);
            producer.close();
            broker.close();
        }
    }
}
