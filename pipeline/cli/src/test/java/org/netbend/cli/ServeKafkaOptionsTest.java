package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.service.KafkaSettings;
import picocli.CommandLine;

/**
 * serve takes Kafka as submit, watch, cancel and jobs do (--bootstrap over NETBEND_KAFKA_* over --kafka-config,
 * client properties passed through), with the kafka.* keys of its own --config beneath them.
 */
class ServeKafkaOptionsTest {
    @TempDir Path dir;

    private static Optional<KafkaSettings> kafka(Map<String, String> env, String... args) throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.givenKafka(new Environment(env));
    }

    @Test
    void theEnvironmentNamesTheBrokerAndPassesClientPropertiesThrough() throws Exception {
        KafkaSettings settings = kafka(Map.of("NETBEND_KAFKA_BOOTSTRAP", "kafka.env:9092",
                "NETBEND_KAFKA_PROP_SECURITY_PROTOCOL", "SSL", "NETBEND_KAFKA_TOPIC_REQUESTS", "studio.requests"))
                .orElseThrow();
        assertEquals("kafka.env:9092", settings.bootstrap());
        assertEquals("SSL", settings.clientProperties().get("security.protocol"));
        assertEquals("studio.requests", settings.topics().requests());
    }

    @Test
    void theFlagWinsOverTheEnvironmentWhichWinsOverTheKafkaConfigWhichWinsOverTheServiceConfig() throws Exception {
        Path service = Files.writeString(dir.resolve("service.properties"), "kafka.bootstrap.servers=kafka.service:9092\n"
                + "kafka.client.sasl.mechanism=PLAIN\nkafka.client.security.protocol=PLAINTEXT\n"
                + "kafka.topic.results=service.results\nparallelism=2\n");
        Path client = Files.writeString(dir.resolve("kafka.properties"), "bootstrap.servers=kafka.file:9092\n"
                + "security.protocol=SASL_SSL\nnetbend.topic.progress=file.progress\n");

        KafkaSettings fromConfig = kafka(Map.of(), "--config", service.toString()).orElseThrow();
        assertEquals("kafka.service:9092", fromConfig.bootstrap());
        assertEquals("service.results", fromConfig.topics().results());

        KafkaSettings fromFile = kafka(Map.of(), "--config", service.toString(), "--kafka-config", client.toString())
                .orElseThrow();
        assertEquals("kafka.file:9092", fromFile.bootstrap());
        assertEquals("SASL_SSL", fromFile.clientProperties().get("security.protocol"), "the Kafka file over --config");
        assertEquals("PLAIN", fromFile.clientProperties().get("sasl.mechanism"), "--config's client properties stay");
        assertEquals("file.progress", fromFile.topics().progress());
        assertEquals("service.results", fromFile.topics().results());

        Map<String, String> env = Map.of("NETBEND_KAFKA_BOOTSTRAP", "kafka.env:9092");
        assertEquals("kafka.env:9092", kafka(env, "--kafka-config", client.toString()).orElseThrow().bootstrap());
        assertEquals("kafka.flag:9092", kafka(env, "--kafka-config", client.toString(), "--bootstrap",
                "kafka.flag:9092").orElseThrow().bootstrap());
    }

    @Test
    void withoutAnyKafkaSettingServeStartsItsOwnBroker() throws Exception {
        assertFalse(kafka(Map.of(), "--parallelism", "2").isPresent(), "no broker named: the embedded one");
    }

    @Test
    void aClusterNeedsAKafkaItCanReachAndAMissingKafkaFileIsNamed() {
        CliRun none = CliRun.of("serve", "--cluster", "127.0.0.1:1", "--model", "toy", "--cache", dir.toString(),
                "--config", dir.resolve("none.properties").toString());
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(none.err().contains("service configuration not found"), none.err());

        CliRun run = CliRun.of("serve", "--cluster", "127.0.0.1:1", "--model", "toy", "--cache", dir.toString(),
                "--kafka-config", dir.resolve("missing.properties").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("Kafka properties file not found") && run.err().contains("missing.properties"),
                run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
    }
}
