package org.netbend.service;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.netbend.farm.RunOptions;

/**
 * Reads the service's configuration (configs/service/service.properties): the {@code netbend.*} keys below, and
 * every other key passed to the Kafka clients. Keys given as overrides (the command line) win over the file.
 * <pre>
 * bootstrap.servers=kafka:9092                netbend.topic.requests|progress|results=...
 * netbend.store=s3://renders/netbend          netbend.model=/models/sd-v1-4   netbend.models=a,b
 * netbend.parallelism=4                       netbend.device=cuda             netbend.cache=/cache
 * netbend.progress.interval.ms=1000           netbend.presign.expiry.seconds=86400
 * netbend.checkpoint.interval.ms=10000        netbend.plan.threads=2
 * netbend.group.id=netbend-service            netbend.transactional.id.prefix=netbend-results
 * netbend.transaction.timeout.ms=900000
 * </pre>
 */
public final class ServiceSettings {
    static final Set<String> OWN_KEYS = Set.of("netbend.store", "netbend.model", "netbend.models",
            "netbend.parallelism", "netbend.device", "netbend.cache", "netbend.threads", "netbend.progress.interval.ms",
            "netbend.presign.expiry.seconds", "netbend.checkpoint.interval.ms", "netbend.plan.threads",
            "netbend.group.id", "netbend.transactional.id.prefix", "netbend.transaction.timeout.ms");

    private ServiceSettings() { }

    /**
     * @param file      the properties file, or null
     * @param env       the environment (NETBEND_KAFKA_*, NETBEND_STORE)
     * @param overrides settings from the command line, by the same keys (bootstrap.servers for --bootstrap)
     */
    public static ServiceConfig load(Path file, Map<String, String> env, Map<String, String> overrides)
            throws IOException {
        Map<String, String> all = new HashMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("service configuration not found: " + file);
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k).strip()));
        }
        all.putAll(overrides);
        for (String key : all.keySet()) {
            if (key.startsWith("netbend.") && !key.startsWith(KafkaSettings.TOPIC_PREFIX) && !OWN_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown service setting '" + key + "'; known: "
                        + OWN_KEYS.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        Map<String, String> kafkaOnly = new HashMap<>(all);
        OWN_KEYS.forEach(kafkaOnly::remove);
        KafkaSettings kafka = KafkaSettings.fromProperties(kafkaOnly, env, overrides.get("bootstrap.servers"));

        String store = first(all.get("netbend.store"), env.get("NETBEND_STORE"), "netbend-store");
        String model = first(all.get("netbend.model"), env.get("NETBEND_MODEL"), "toy");
        Set<String> models = new LinkedHashSet<>(Arrays.asList(first(all.get("netbend.models"), model).split("\\s*,\\s*")));
        models.add(model);
        RunOptions run = new RunOptions(store, integer(all, "netbend.parallelism", 1), false,
                first(all.get("netbend.device"), "cpu"), integer(all, "netbend.threads", 0), 1,
                first(all.get("netbend.cache"), env.get("NETBEND_CACHE"), "netbend-cache") + "/models");
        return new ServiceConfig(kafka, run, model, models,
                Duration.ofMillis(integer(all, "netbend.progress.interval.ms", 1000)),
                Duration.ofSeconds(integer(all, "netbend.presign.expiry.seconds", 86_400)),
                Duration.ofMillis(integer(all, "netbend.checkpoint.interval.ms", 10_000)),
                integer(all, "netbend.plan.threads", ServiceConfig.DEFAULT_PLAN_THREADS),
                first(all.get("netbend.group.id"), "netbend-service"),
                first(all.get("netbend.transactional.id.prefix"), "netbend-results"),
                Duration.ofMillis(integer(all, "netbend.transaction.timeout.ms", 900_000)));
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

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
