package org.netbend.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to reach Kafka: the bootstrap servers, the topic names and any further client properties (TLS, SASL, ...),
 * passed through to every producer and consumer unchanged. Read from a properties file, then the environment
 * ({@code NETBEND_KAFKA_BOOTSTRAP}, {@code NETBEND_KAFKA_TOPIC_REQUESTS|PROGRESS|RESULTS}, and
 * {@code NETBEND_KAFKA_PROP_<NAME>} for a client property, dots as underscores), then flags; later wins.
 * Values of secret-looking properties are never printed.
 */
public record KafkaSettings(String bootstrap, Topics topics, Map<String, String> clientProperties) {
    /** Keys of the properties file that are ours rather than the Kafka client's. */
    static final String BOOTSTRAP = "bootstrap.servers";
    static final String TOPIC_PREFIX = "netbend.topic.";

    public KafkaSettings {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are missing: give --bootstrap HOST:PORT or "
                    + "NETBEND_KAFKA_BOOTSTRAP");
        }
        topics = topics == null ? Topics.DEFAULT : topics;
        clientProperties = Map.copyOf(clientProperties == null ? Map.of() : clientProperties);
    }

    /**
     * @param file      a properties file (Kafka client properties plus {@code netbend.topic.requests} etc.), or null
     * @param env       the environment
     * @param bootstrap the --bootstrap flag, or null
     */
    public static KafkaSettings resolve(Path file, Map<String, String> env, String bootstrap) throws IOException {
        return fromProperties(file == null ? Map.of() : readFile(file), env, bootstrap);
    }

    /** A Kafka properties file's entries (client properties, {@code netbend.topic.*}), unchanged. */
    public static Map<String, String> readFile(Path file) throws IOException {
        return PropertiesFile.read(file, "Kafka properties file");
    }

    /** Whether the flag, the environment or the properties name bootstrap servers (else there is no Kafka to reach). */
    public static boolean namesBootstrap(Map<String, String> properties, Map<String, String> env, String bootstrap) {
        return firstOf(bootstrap, env.get("NETBEND_KAFKA_BOOTSTRAP"), properties.get(BOOTSTRAP)) != null;
    }

    /** The same, with the file's properties already read. */
    public static KafkaSettings fromProperties(Map<String, String> fileProperties, Map<String, String> env,
            String bootstrap) {
        Map<String, String> props = new TreeMap<>(fileProperties);
        env.forEach((name, value) -> {
            if (name.startsWith("NETBEND_KAFKA_PROP_")) {
                props.put(name.substring("NETBEND_KAFKA_PROP_".length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        String servers = firstOf(bootstrap, env.get("NETBEND_KAFKA_BOOTSTRAP"), props.remove(BOOTSTRAP));
        Topics topics = new Topics(
                firstOf(env.get("NETBEND_KAFKA_TOPIC_REQUESTS"), props.remove(TOPIC_PREFIX + "requests"),
                        Topics.DEFAULT.requests()),
                firstOf(env.get("NETBEND_KAFKA_TOPIC_PROGRESS"), props.remove(TOPIC_PREFIX + "progress"),
                        Topics.DEFAULT.progress()),
                firstOf(env.get("NETBEND_KAFKA_TOPIC_RESULTS"), props.remove(TOPIC_PREFIX + "results"),
                        Topics.DEFAULT.results()));
        return new KafkaSettings(servers, topics, props);
    }

    /** Client properties for a producer or consumer: the passed-through ones plus the bootstrap servers. */
    public Properties client() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.setProperty(BOOTSTRAP, bootstrap);
        return p;
    }

    public KafkaSettings withBootstrap(String servers) {
        return new KafkaSettings(servers, topics, clientProperties);
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** True for properties that hold a secret: their values are never printed. */
    static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.contains("secret") || n.contains("jaas") || n.contains("token")
                || n.endsWith(".key") || n.contains("credential");
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        clientProperties.forEach((k, v) -> shown.put(k, isSecret(k) ? "(hidden)" : v));
        return "KafkaSettings[bootstrap=" + bootstrap + ", topics=" + topics + ", properties=" + shown + "]";
    }
}
