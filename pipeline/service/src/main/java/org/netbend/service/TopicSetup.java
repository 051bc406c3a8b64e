package org.netbend.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The service's three topics exist before its job starts: missing ones are created (with the broker's default
 * partition count and replication), and when the broker refuses, the service stops at once with one line naming the
 * topic and the broker, instead of a Flink job that fails and restarts every second.
 */
public final class TopicSetup {
    private static final long WAIT_SECONDS = 30;

    private TopicSetup() { }

    /** A topic is missing and cannot be created; the message is one line naming it and the broker. */
    public static final class TopicUnavailable extends IllegalStateException {
        TopicUnavailable(String message) {
            super(message);
        }
    }

    /**
     * Creates the topics of {@code settings} that do not exist yet.
     *
     * @return the topics this created
     * @throws TopicUnavailable naming the topic and the broker when one cannot be created or the broker is not
     *         reached within 30 s
     */
    public static List<String> ensure(KafkaSettings settings) {
        Properties props = settings.client();
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(WAIT_SECONDS * 1000));
        Topics topics = settings.topics();
        List<String> wanted = List.of(topics.requests(), topics.progress(), topics.results());
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing;
            try {
                existing = admin.listTopics().names().get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new TopicUnavailable("cannot list the topics of the Kafka broker at " + settings.bootstrap()
                        + ": " + reason(e));
            }
            for (String topic : wanted) {
                if (existing.contains(topic)) {
                    continue;
                }
                NewTopic spec = new NewTopic(topic, Optional.empty(), Optional.empty());
                if (topic.equals(topics.progress())) {
                    spec.configs(Map.of("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1))));
                }
                try {
                    admin.createTopics(List.of(spec)).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
                    created.add(topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new TopicUnavailable("topic " + topic + " does not exist on the Kafka broker at "
                                + settings.bootstrap() + " and could not be created: " + reason(e)
                                + "; create it, or let the service create it");
                    }
                } catch (TimeoutException e) {
                    throw new TopicUnavailable("topic " + topic + " does not exist on the Kafka broker at "
                            + settings.bootstrap() + " and was not created within " + WAIT_SECONDS + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicUnavailable("interrupted while checking the topics at " + settings.bootstrap());
        }
        return created;
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
