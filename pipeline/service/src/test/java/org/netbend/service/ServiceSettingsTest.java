package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration the Kubernetes manifests mount is the one the service reads. */
class ServiceSettingsTest {
    @TempDir Path dir;

    @Test
    void theCommittedServiceConfigurationsRead() throws IOException {
        // The pods set the login from Strimzi's KafkaUser Secret (deploy/base/flinkdeployment.yaml).
        Map<String, String> podEnv = Map.of("NETBEND_KAFKA_PROP_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"netbend-service\" password=\"s3cret\";");
        ServiceConfig base = ServiceSettings.load(Path.of("../../configs/service/netbend-service.properties"), podEnv,
                Map.of());
        assertEquals("netbend-kafka-bootstrap:9092", base.kafka().bootstrap());
        assertEquals(Topics.DEFAULT, base.kafka().topics());
        assertEquals("s3://netbend/studio", base.run().store());
        assertEquals("cuda", base.run().device());
        assertEquals(Duration.ofDays(7), base.presignExpiry(), "as long as the results topic keeps a result");
        assertEquals("SASL_PLAINTEXT", base.kafka().client().getProperty("security.protocol"));
        assertEquals("SCRAM-SHA-512", base.kafka().client().getProperty("sasl.mechanism"));
        assertEquals(podEnv.get("NETBEND_KAFKA_PROP_SASL_JAAS_CONFIG"), base.kafka().client().getProperty("sasl.jaas.config"));
        assertFalse(base.kafka().toString().contains("s3cret"), base.kafka().toString());
        assertEquals(Duration.ofMillis(840_000), base.transactionTimeout());
        ServiceConfig dev = ServiceSettings.load(Path.of("../../deploy/overlays/dev/service-dev.properties"), Map.of(),
                Map.of());
        assertEquals("toy", dev.defaultModel());
        assertEquals("cpu", dev.run().device());
    }

    @Test
    void theCommandLineWinsAndClientPropertiesPassThrough() throws IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), """
                kafka.bootstrap.servers=file:9092
                kafka.client.security.protocol=SASL_SSL
                kafka.client.sasl.jaas.config=PlainLoginModule required password="hunter2";
                store=s3://a/b
                progress.interval=PT2S
                """);
        ServiceConfig config = ServiceSettings.load(file, Map.of(), Map.of(ServiceSettings.BOOTSTRAP, "flag:9092",
                "parallelism", "3"));
        assertEquals("flag:9092", config.kafka().bootstrap());
        assertEquals("SASL_SSL", config.kafka().client().getProperty("security.protocol"));
        assertEquals(3, config.run().parallelism());
        assertEquals(Duration.ofSeconds(2), config.progressInterval());
        assertFalse(config.kafka().toString().contains("hunter2"), config.kafka().toString());
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() throws IOException {
        Path typo = Files.writeString(dir.resolve("t.properties"), "kafka.bootstrap.servers=b:1\nstroe=s3://a/b\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceSettings.load(typo, Map.of(), Map.of()))
                .getMessage().contains("unknown service setting 'stroe'"));
        Path bad = Files.writeString(dir.resolve("b.properties"), "kafka.bootstrap.servers=b:1\nresult.presign.expiry=1d\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceSettings.load(bad, Map.of(), Map.of()))
                .getMessage().contains("ISO-8601 duration"));
    }
}
