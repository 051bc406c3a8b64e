package org.netbend.cli;

import java.io.IOException;
import java.nio.file.Path;
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
        try {
            return KafkaSettings.resolve(config, env.variables(), bootstrap);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
