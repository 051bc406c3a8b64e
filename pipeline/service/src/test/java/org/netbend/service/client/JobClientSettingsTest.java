package org.netbend.service.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.service.KafkaSettings;

/** What reaches the Kafka clients from the settings, and what a failed wait says (never a secret). */
class JobClientSettingsTest {
    private static final String SECRET = "s3cr3t-Pa55word-9f2";
    @TempDir Path dir;

    private KafkaSettings settings(String bootstrap) throws Exception {
        Path file = Files.writeString(dir.resolve("kafka.properties"), String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" "
                        + "password=\"" + SECRET + "\";",
                "ssl.truststore.location=/etc/netbend/truststore.p12",
                "group.id=someone-elses-group",
                "acks=0"));
        return KafkaSettings.resolve(file, Map.of(), bootstrap);
    }

    @Test
    void tlsAndSaslPropertiesPassThroughAndTheClientsOwnSettingsWin() throws Exception {
        KafkaSettings s = settings("kafka.studio.example:9093");
        Properties consumer = TopicReader.properties(s, true);
        assertEquals("SASL_SSL", consumer.getProperty("security.protocol"));
        assertTrue(consumer.getProperty("sasl.jaas.config").contains(SECRET), "passed through unchanged");
        assertEquals("/etc/netbend/truststore.p12", consumer.getProperty("ssl.truststore.location"));
        assertEquals("kafka.studio.example:9093", consumer.getProperty("bootstrap.servers"));
        assertEquals("read_committed", consumer.getProperty("isolation.level"));
        assertNull(consumer.getProperty("group.id"), "a client joins no group and commits nothing");
        assertEquals("false", consumer.getProperty("enable.auto.commit"));

        Properties producer = JobClient.producerProperties(s, Duration.ofSeconds(7));
        assertEquals("SCRAM-SHA-512", producer.getProperty("sasl.mechanism"));
        assertEquals("all", producer.getProperty("acks"), "a request is never sent without every replica");
        assertEquals("true", producer.getProperty("enable.idempotence"));
        assertEquals("7000", producer.getProperty("max.block.ms"));
    }

    @Test
    void aWaitForAnUnreachableBrokerSaysWhatItWaitedForAndNoSecret() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KafkaSettings s = KafkaSettings.resolve(null, Map.of("NETBEND_KAFKA_PROP_SASL_JAAS_CONFIG",
                "x required password=\"" + SECRET + "\";"), "127.0.0.1:" + closedPort);
        try (JobClient client = new JobClient(s)) {
            WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                    () -> client.jobs(10, Duration.ofSeconds(2)));
            assertTrue(e.getMessage().contains("netbend.requests") && e.getMessage().contains("within 2 s")
                    && e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
        assertFalse(s.toString().contains(SECRET), s.toString());
    }
}
