package org.netbend.service.client;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.netbend.service.KafkaSettings;

/**
 * Asks the broker, with a deadline, whether it answers and holds the requests topic: what a client checks before
 * it uploads a track, so that a wrong address costs seconds and one line, not an upload and a long wait.
 */
public final class BrokerCheck {
    private BrokerCheck() { }

    /**
     * @throws BrokerUnavailableException when the broker does not answer within {@code timeout}, refuses the
     *                                    client, or has no requests topic
     */
    public static void require(KafkaSettings settings, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Properties p = settings.client();
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        String topic = settings.topics().requests();
        String broker = "the Kafka broker at " + settings.bootstrap();
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) { // no address resolves, or the client settings are wrong
            throw new BrokerUnavailableException(broker + " cannot be reached: " + e.getMessage());
        }
        try {
            admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(millis)).allTopicNames()
                    .get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unanswered(broker, timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new BrokerUnavailableException("topic " + topic + " does not exist on " + broker
                        + "; start the service (netbend serve) or create the topics");
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unanswered(broker, timeout);
            }
            throw new BrokerUnavailableException(broker + " refused the client: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + broker + " for topic " + topic, e);
        } finally {
            admin.close(Duration.ofSeconds(1)); // nothing of value is pending
        }
    }

    private static BrokerUnavailableException unanswered(String broker, Duration timeout) {
        return new BrokerUnavailableException(broker + " did not answer within " + timeout.toSeconds()
                + " s: is it running, and is the address (--bootstrap, NETBEND_KAFKA_BOOTSTRAP) right?");
    }
}
