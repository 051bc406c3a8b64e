package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {
    @TempDir Path dir;

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("kafka.properties"), """
                bootstrap.servers=file:9092
                netbend.topic.results=studio.results
                security.protocol=SASL_SSL
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="hunter2";
                """);
        KafkaSettings fromFile = KafkaSettings.resolve(file, Map.of(), null);
        assertEquals("file:9092", fromFile.bootstrap());
        assertEquals("studio.results", fromFile.topics().results());
        assertEquals("netbend.requests", fromFile.topics().requests());
        assertEquals("SASL_SSL", fromFile.client().getProperty("security.protocol"));
        assertFalse(fromFile.client().containsKey("netbend.topic.results"), "our own keys are not client properties");

        KafkaSettings fromEnv = KafkaSettings.resolve(file, Map.of("NETBEND_KAFKA_BOOTSTRAP", "env:9092",
                "NETBEND_KAFKA_PROP_SSL_TRUSTSTORE_LOCATION", "/certs/ca.jks"), null);
        assertEquals("env:9092", fromEnv.bootstrap());
        assertEquals("/certs/ca.jks", fromEnv.client().getProperty("ssl.truststore.location"));
        assertEquals("flag:9092", KafkaSettings.resolve(file, Map.of("NETBEND_KAFKA_BOOTSTRAP", "env:9092"),
                "flag:9092").bootstrap());
    }

    @Test
    void secretsAreNeverPrinted() throws IOException {
        Path file = Files.writeString(dir.resolve("kafka.properties"),
                "sasl.jaas.config=PlainLoginModule required password=\"hunter2\";\nssl.key.password=s3cr3t\n");
        String shown = KafkaSettings.resolve(file, Map.of(), "b:9092").toString();
        assertFalse(shown.contains("hunter2") || shown.contains("s3cr3t"), shown);
        assertTrue(shown.contains("sasl.jaas.config=(hidden)"), shown);
    }

    @Test
    void missingBootstrapOrABadTopicNameIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaSettings.resolve(null, Map.of(), null))
                .getMessage().contains("--bootstrap"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaSettings.resolve(null,
                Map.of("NETBEND_KAFKA_TOPIC_RESULTS", "bad topic"), "b:9092")).getMessage().contains("bad topic"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KafkaSettings.resolve(dir.resolve("none"),
                Map.of(), "b:9092")).getMessage().contains("not found"));
    }
}
