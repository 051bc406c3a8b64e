package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.ListeningSockets;

/** The broker `serve` starts on one machine: real KRaft, the service's topics, transactions that commit. */
class EmbeddedBrokerTest {
    @TempDir Path dir;

    @Test
    void aTransactionalRecordOnTheResultsTopicIsReadCommitted() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, Topics.DEFAULT, 2)) {
            assertTrue(broker.bootstrapServers().matches("(localhost|127\\.0\\.0\\.1):\\d+"), broker.bootstrapServers());
            Properties p = new Properties();
            p.setProperty("bootstrap.servers", broker.bootstrapServers());
            p.setProperty("transactional.id", "test-results");
            p.setProperty("transaction.timeout.ms", Long.toString(EmbeddedBroker.TRANSACTION_MAX_TIMEOUT_MS));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.DEFAULT.results(), "job-1", "{\"state\":\"DONE\"}"));
                producer.commitTransaction();
            }
            Properties c = new Properties();
            c.setProperty("bootstrap.servers", broker.bootstrapServers());
            c.setProperty("isolation.level", "read_committed");
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                    new StringDeserializer())) {
                List<TopicPartition> partitions = List.of(new TopicPartition(Topics.DEFAULT.results(), 0),
                        new TopicPartition(Topics.DEFAULT.results(), 1));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (seen.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                }
            }
            assertEquals(1, seen.size(), "one committed result within 60 s");
            assertEquals("job-1", seen.get(0).key());
            assertEquals("{\"state\":\"DONE\"}", new String(seen.get(0).value().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
        }
    }

    /** serve --broker-port: the address can be typed before the broker starts (a free port, found here). */
    @Test
    void aChosenPortIsTheBrokersAddress() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, Topics.DEFAULT, 1, port)) {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            Properties p = new Properties();
            p.setProperty("bootstrap.servers", "127.0.0.1:" + port);
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
                assertTrue(admin.listTopics().names().get(60, java.util.concurrent.TimeUnit.SECONDS)
                        .contains(Topics.DEFAULT.requests()), "the service's topics at the typed address");
            }
        }
    }

    @Test
    void everySocketOfTheBrokerIsOnLoopback() throws Exception {
        List<InetSocketAddress> before = ListeningSockets.ofThisProcess();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, Topics.DEFAULT, 1)) {
            List<InetSocketAddress> opened = new ArrayList<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            // The broker's client listener and its controller's: the lister must see at least the one clients use.
            int port = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
            assertTrue(opened.stream().anyMatch(s -> s.getPort() == port), "port " + port + " among " + opened);
            assertEquals(List.of(), ListeningSockets.beyondLoopback(opened), "sockets beyond loopback among " + opened);

            // A restarted broker reopens its listeners (as ServiceRecoveryIT restarts it): still on loopback only.
            BrokerServer server = broker.cluster().brokers().values().iterator().next();
            server.shutdown();
            server.awaitShutdown();
            server.startup();
            List<InetSocketAddress> reopened = new ArrayList<>(ListeningSockets.ofThisProcess());
            reopened.removeAll(before);
            assertTrue(reopened.stream().anyMatch(s -> s.getPort() == port), "port " + port + " among " + reopened);
            assertEquals(List.of(), ListeningSockets.beyondLoopback(reopened), "after a restart: " + reopened);
        }
    }
}
