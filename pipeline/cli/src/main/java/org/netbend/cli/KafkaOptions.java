package org.netbend.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.netbend.service.KafkaSettings;
import picocli.CommandLine.Option;

/** Where the service's Kafka is: flags over the environment (NETBEND_KAFKA_*) over a properties file. */
final class KafkaOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers. Default: $NETBEND_KAFKA_BOOTSTRAP, else bootstrap.servers of --kafka-config.")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (TLS, SASL, ...), passed through unchanged; also netbend.topic.requests|progress|results.")
    Path config;

    KafkaSettings settings(Environment env) throws IOException {
        return settings(env, Map.of()).orElseThrow(() -> new UserError("Kafka bootstrap servers are missing: give "
                + "--bootstrap HOST:PORT, NETBEND_KAFKA_BOOTSTRAP or bootstrap.servers in --kafka-config"));
    }

    /**
     * The settings over {@code base} (Kafka properties that the file, the environment and the flag override: serve's
     * --config), or empty when none of them names bootstrap servers.
     */
    Optional<KafkaSettings> settings(Environment env, Map<String, String> base) throws IOException {
        try {
            Map<String, String> properties = new TreeMap<>(base);
            if (config != null) {
                properties.putAll(KafkaSettings.readFile(config));
            }
            if (!KafkaSettings.namesBootstrap(properties, env.variables(), bootstrap)) {
                return Optional.empty();
            }
            return Optional.of(KafkaSettings.fromProperties(properties, env.variables(), bootstrap));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
