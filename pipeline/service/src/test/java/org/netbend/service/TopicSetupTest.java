package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.server.policy.CreateTopicPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} on a broker without its topics: they are created, or the service stops with one line. */
class TopicSetupTest {
    @TempDir Path dir;

    /** A broker whose operators create topics themselves. */
    public static final class NoTopicsPolicy implements CreateTopicPolicy {
        @Override
        public void validate(RequestMetadata request) {
            throw new PolicyViolationException("topics are created by the operators here");
        }

        @Override
        public void configure(Map<String, ?> configs) { }

        @Override
        public void close() { }
    }

    @Test
    void missingTopicsAreCreatedAndExistingOnesLeftAlone() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, null, 1, Map.of())) {
            KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), Topics.DEFAULT, Map.of());
            assertEquals(List.of("netbend.requests", "netbend.progress", "netbend.results"),
                    TopicSetup.ensure(settings));
            Properties p = new Properties();
            p.setProperty("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(p)) {
                Set<String> names = admin.listTopics().names().get();
                assertTrue(names.containsAll(Set.of("netbend.requests", "netbend.progress", "netbend.results")),
                        names.toString());
            }
            assertEquals(List.of(), TopicSetup.ensure(settings), "a second start creates nothing");
        }
    }

    @Test
    void aBrokerThatRefusesGivesOneLineNamingTheTopicAndTheBroker() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, null, 1,
                Map.of("create.topic.policy.class.name", NoTopicsPolicy.class.getName()))) {
            KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), Topics.DEFAULT, Map.of());
            TopicSetup.TopicUnavailable e = assertThrows(TopicSetup.TopicUnavailable.class,
                    () -> TopicSetup.ensure(settings));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("topic netbend.requests does not exist on the Kafka broker at "
                    + broker.bootstrapServers() + " and could not be created: "), e.getMessage());
            assertTrue(e.getMessage().contains("created by the operators"), e.getMessage());
        }
    }
}
