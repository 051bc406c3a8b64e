package org.netbend.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.netbend.farm.RunOptions;
import org.netbend.job.AudioKeys;
import org.netbend.job.JobResult;
import org.netbend.job.ProgressEvent;
import org.netbend.store.ObjectStore;
import org.netbend.store.S3ProxyServer;
import org.netbend.store.Stores;

/**
 * A service as a studio runs it, on loopback: a real KRaft broker, a real S3 server, the service job on the test's
 * MiniCluster, and a plain read_committed consumer that records every result and progress event. Public for the
 * studio's API tests, which run the same service behind the page.
 */
public final class ServiceHarness implements AutoCloseable {
    public static final String STORE = "s3://studio/netbend";
    public static final Duration WAIT = Duration.ofMinutes(4);
    /** Frames take at least this long, so a test can act while a 120-frame job renders (at least 6 s). */
    static final long PACE_MILLIS = 50;

    public final EmbeddedBroker broker;
    public final S3ProxyServer s3;
    final RunOptions run;
    public final ServiceConfig config;
    final Map<String, List<JobResult>> results = new ConcurrentHashMap<>();
    final List<ProgressEvent> progress = new CopyOnWriteArrayList<>();
    private final KafkaProducer<String, String> producer;
    private final Thread reader;
    private volatile boolean reading = true;
    private JobClient service;

    private final org.netbend.farm.GeneratorFactory model;

    public ServiceHarness(Path dir, int slots) throws Exception {
        this(dir, slots, new PacedToyModel(PACE_MILLIS));
    }

    ServiceHarness(Path dir, int slots, org.netbend.farm.GeneratorFactory model) throws Exception {
        this.model = model;
        broker = EmbeddedBroker.start(dir.resolve("kafka"), Topics.DEFAULT, 2);
        s3 = S3ProxyServer.start();
        run = new RunOptions(STORE, slots, false, "cpu", 1, 1, dir.resolve("cache").toString())
                .withStoreSettings(s3.environment());
        KafkaSettings kafka = new KafkaSettings(broker.bootstrapServers(), Topics.DEFAULT, Map.of());
        config = ServiceConfig.defaults(kafka, run, "toy").withCheckpointInterval(Duration.ofMillis(500));
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", broker.bootstrapServers());
        p.setProperty("acks", "all");
        p.setProperty("max.request.size", Integer.toString(EmbeddedBroker.MAX_MESSAGE_BYTES));
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        reader = new Thread(this::read, "service-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the service job on the environment of the test's MiniCluster. */
    public void startService() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        env.configure(conf);
        ServiceTopology.build(env, config, model);
        service = env.executeAsync("netbend service (test)");
    }

    JobClient service() {
        return service;
    }

    /** Uploads a track as `submit` does and returns its key. */
    public String upload(Path audio) throws Exception {
        String key = AudioKeys.of(audio);
        try (ObjectStore store = run.openStore()) {
            store.putFile(key, audio);
        }
        return key;
    }

    public ObjectStore store() throws Exception {
        return Stores.open(STORE, s3.environment());
    }

    void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.DEFAULT.requests(), key, value)).get(60, TimeUnit.SECONDS);
    }

    /** The first result of a job, waiting at most {@link #WAIT}. */
    public JobResult awaitResult(String jobId) throws InterruptedException {
        return awaitResults(jobId, 1).get(0);
    }

    List<JobResult> awaitResults(String jobId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<JobResult> seen = results.getOrDefault(jobId, List.of());
            if (seen.size() >= count) {
                return List.copyOf(seen);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + count + " result(s) for job " + jobId + " within " + WAIT.toSeconds()
                + " s; results so far: " + results);
    }

    /** Waits until a progress event matches, at most {@link #WAIT}. */
    ProgressEvent awaitProgress(Predicate<ProgressEvent> match, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ProgressEvent e : progress) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no progress event " + what + " within " + WAIT.toSeconds() + " s");
    }

    private void read() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", broker.bootstrapServers());
        p.setProperty("isolation.level", "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.DEFAULT.results(), Topics.DEFAULT.progress())) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(60))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (reading) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (r.topic().equals(Topics.DEFAULT.results())) {
                        results.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>()).add(JobResult.fromJson(r.value()));
                    } else {
                        progress.add(ProgressEvent.fromJson(r.value()));
                    }
                });
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String request(String audioKey, String extra) {
        return "{\"schema\": 1, \"audio\": \"" + audioKey + "\", \"prompt\": \"3D mesh geometry\", \"size\": \"64x64\", "
                + "\"steps\": 5, \"fps\": 10" + extra + "}";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        reading = false;
        if (service != null) {
            try {
                service.cancel().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the job may already have ended
            }
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        producer.close(Duration.ofSeconds(10));
        s3.close();
        broker.close();
    }
}
