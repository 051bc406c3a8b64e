package org.netbend.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.netbend.farm.RunOptions;
import org.netbend.job.OutputKeys;

/**
 * Reads the service's configuration (configs/service/netbend-service.properties, mounted by the Kubernetes
 * manifests). Keys given as overrides (the command line) win over the file; the environment fills in what neither
 * gives (NETBEND_KAFKA_*, NETBEND_STORE, NETBEND_MODEL, NETBEND_CACHE).
 * <pre>
 * kafka.bootstrap.servers=kafka:9092        kafka.topic.requests|progress|results=netbend.requests|...
 * kafka.client.security.protocol=SASL_SSL   (any Kafka client property, passed through)
 * kafka.transaction.timeout.ms=840000       kafka.group.id=netbend-service   kafka.transactional.id.prefix=netbend-results
 * store=s3://netbend/studio                 model=/models/sd-v1-4            models=/models/a,/models/b
 * device=cuda    parallelism=4    threads=0    cache=/var/cache/netbend    plan.threads=2
 * result.presign.expiry=PT24H    progress.interval=PT1S    checkpoint.interval=PT10S   (ISO-8601 durations)
 * output.prefix=videos/          dead-letter.attempts=5
 * </pre>
 */
public final class ServiceSettings {
    /** The command line's --bootstrap. */
    public static final String BOOTSTRAP = "kafka.bootstrap.servers";
    private static final String CLIENT_PREFIX = "kafka.client.";
    private static final String TOPIC_PREFIX = "kafka.topic.";
    static final Set<String> KEYS = Set.of(BOOTSTRAP, TOPIC_PREFIX + "requests", TOPIC_PREFIX + "progress",
            TOPIC_PREFIX + "results", "kafka.transaction.timeout.ms", "kafka.group.id", "kafka.transactional.id.prefix",
            "store", "model", "models", "device", "parallelism", "threads", "cache", "plan.threads",
            "result.presign.expiry", "progress.interval", "checkpoint.interval", "output.prefix",
            "dead-letter.attempts");

    private ServiceSettings() { }

    /**
     * @param file      the properties file, or null
     * @param env       the environment
     * @param overrides settings from the command line, by the same keys
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    public static ServiceConfig load(Path file, Map<String, String> env, Map<String, String> overrides)
            throws IOException {
        Map<String, String> all = new HashMap<>(file == null ? Map.of() : read(file));
        all.putAll(overrides);
        KafkaSettings kafka = KafkaSettings.fromProperties(clientProperties(all), env, all.get(BOOTSTRAP));

        String store = first(all.get("store"), env.get("NETBEND_STORE"), "netbend-store");
        String model = first(all.get("model"), env.get("NETBEND_MODEL"), "toy");
        Set<String> models = new LinkedHashSet<>(Arrays.asList(first(all.get("models"), model).split("\\s*,\\s*")));
        models.add(model);
        String cache = first(all.get("cache"), env.get("NETBEND_CACHE"), "netbend-cache");
        RunOptions run = new RunOptions(store, integer(all, "parallelism", 1), false, first(all.get("device"), "cpu"),
                integer(all, "threads", 0), 1, Path.of(cache, "models").toString());
        return new ServiceConfig(kafka, run, model, models,
                duration(all, "progress.interval", ServiceConfig.DEFAULT_PROGRESS_INTERVAL),
                duration(all, "result.presign.expiry", ServiceConfig.DEFAULT_PRESIGN_EXPIRY),
                duration(all, "checkpoint.interval", ServiceConfig.DEFAULT_CHECKPOINT_INTERVAL),
                integer(all, "plan.threads", ServiceConfig.DEFAULT_PLAN_THREADS),
                first(all.get("kafka.group.id"), "netbend-service"),
                first(all.get("kafka.transactional.id.prefix"), "netbend-results"),
                Duration.ofMillis(integer(all, "kafka.transaction.timeout.ms",
                        (int) ServiceConfig.DEFAULT_TRANSACTION_TIMEOUT.toMillis())),
                first(all.get("output.prefix"), OutputKeys.DEFAULT_PREFIX),
                integer(all, "dead-letter.attempts", ServiceConfig.DEFAULT_DEAD_LETTER_ATTEMPTS));
    }

    /**
     * The file's Kafka settings in the form of a Kafka properties file ({@code bootstrap.servers},
     * {@code netbend.topic.*} and the {@code kafka.client.*} properties under their own names), for a command whose
     * own Kafka options ({@code --bootstrap}, {@code NETBEND_KAFKA_*}, {@code --kafka-config}) go over them.
     */
    public static Map<String, String> kafkaProperties(Path file) throws IOException {
        Map<String, String> all = file == null ? Map.of() : read(file);
        Map<String, String> kafka = clientProperties(all);
        if (all.get(BOOTSTRAP) != null) {
            kafka.put(KafkaSettings.BOOTSTRAP, all.get(BOOTSTRAP));
        }
        return kafka;
    }

    private static Map<String, String> read(Path file) throws IOException {
        Map<String, String> all = new HashMap<>();
        PropertiesFile.read(file, "service configuration").forEach((key, value) -> all.put(key, value.strip()));
        return all;
    }

    /** kafka.client.* under the client's own names, and the topic names; an unknown key is an error. */
    private static Map<String, String> clientProperties(Map<String, String> all) {
        Map<String, String> client = new TreeMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (e.getKey().startsWith(CLIENT_PREFIX)) {
                client.put(e.getKey().substring(CLIENT_PREFIX.length()), e.getValue());
            } else if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown service setting '" + e.getKey() + "'; known: "
                        + KEYS.stream().sorted().collect(Collectors.joining(", ")) + ", and kafka.client.* for the "
                        + "Kafka clients");
            }
        }
        for (String topic : new String[] {"requests", "progress", "results"}) {
            if (all.containsKey(TOPIC_PREFIX + topic)) {
                client.put(KafkaSettings.TOPIC_PREFIX + topic, all.get(TOPIC_PREFIX + topic));
            }
        }
        return client;
    }

    private static int integer(Map<String, String> all, String key, int fallback) {
        String value = all.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("service setting '" + key + "' must be a whole number, got '" + value + "'");
        }
    }

    private static Duration duration(Map<String, String> all, String key, Duration fallback) {
        String value = all.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("service setting '" + key + "' must be an ISO-8601 duration such as "
                    + "PT24H or PT1S, got '" + value + "'");
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
