package org.netbend.service.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.netbend.service.KafkaSettings;

/**
 * A consumer that reads the service's topics as a client does: every partition assigned, committed records only
 * ({@code isolation.level=read_committed}, so a result in an aborted transaction is never seen), and no consumer
 * group, so a client never commits offsets or joins a rebalance.
 */
final class TopicReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a topic the broker does not list yet is looked up again before it is called missing. */
    private static final Duration TOPIC_GRACE = Duration.ofSeconds(3);

    private final KafkaConsumer<String, String> consumer;
    private final String bootstrap;

    TopicReader(KafkaSettings settings) {
        this(settings, true);
    }

    /**
     * @param committed false only to learn where partitions end including records of open transactions (the
     *                  high watermark): what a submit must look past, since nothing appended before the request
     *                  can answer it
     */
    TopicReader(KafkaSettings settings, boolean committed) {
        this.consumer = new KafkaConsumer<>(properties(settings, committed), new StringDeserializer(),
                new StringDeserializer());
        this.bootstrap = settings.bootstrap();
    }

    /** The user's client properties (TLS, SASL, ...) as given, with what a client's reads need on top. */
    static Properties properties(KafkaSettings settings, boolean committed) {
        Properties p = settings.client();
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    /** Every partition of the topics. */
    List<TopicPartition> partitions(Deadline deadline, String... topics) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            partitionsOf(topic, deadline).forEach(info -> all.add(new TopicPartition(info.topic(), info.partition())));
        }
        return all;
    }

    /**
     * A topic's partitions. Right after a topic is created the broker may not list it yet, so an empty answer is
     * asked again for up to {@link #TOPIC_GRACE} (within the deadline) before the topic is called missing.
     */
    private List<PartitionInfo> partitionsOf(String topic, Deadline deadline) {
        Deadline grace = Deadline.in(TOPIC_GRACE.compareTo(deadline.remaining()) < 0 ? TOPIC_GRACE
                : deadline.remaining());
        while (true) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, deadline.remaining());
            } catch (TimeoutException e) {
                throw new WaitTimeoutException("no metadata for topic " + topic + " from the broker at " + bootstrap
                        + " " + deadline.within() + ": is the broker reachable?");
            }
            if (infos != null && !infos.isEmpty()) {
                return infos;
            }
            if (grace.passed()) {
                throw new IllegalStateException("topic " + topic + " does not exist on the broker at " + bootstrap
                        + "; start the service (netbend serve) or create the topics");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking up topic " + topic, e);
            }
        }
    }

    /** Where each partition ends now (for committed reads: the last stable offset; else the high watermark). */
    Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions, Deadline deadline) {
        try {
            return consumer.endOffsets(partitions, deadline.remaining());
        } catch (TimeoutException e) {
            throw new WaitTimeoutException("no end offsets of " + topicsOf(partitions) + " from the broker at "
                    + bootstrap + " " + deadline.within());
        }
    }

    /** Assigns the partitions and starts each at {@code from}'s offset, or at the beginning when it has none. */
    void start(Collection<TopicPartition> partitions, Map<TopicPartition, Long> from) {
        consumer.assign(partitions);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long offset = from.get(tp);
            if (offset == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, offset);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart); // an empty list would mean every assigned partition
        }
    }

    /** Reads until every partition reaches {@code ends}, giving each record to {@code each}. */
    void readTo(Map<TopicPartition, Long> ends, Consumer<ConsumerRecord<String, String>> each, Deadline deadline,
            String what) {
        while (!caughtUp(ends, deadline, what)) {
            if (deadline.passed()) {
                throw new WaitTimeoutException("could not read " + what + " from " + topicsOf(ends.keySet())
                        + " at " + bootstrap + " " + deadline.within());
            }
            consumer.poll(POLL).forEach(each);
        }
    }

    /** The next records, waiting at most a poll interval. */
    Iterable<ConsumerRecord<String, String>> poll() {
        return consumer.poll(POLL);
    }

    private boolean caughtUp(Map<TopicPartition, Long> ends, Deadline deadline, String what) {
        try {
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (consumer.position(end.getKey(), deadline.remaining()) < end.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (TimeoutException e) {
            throw new WaitTimeoutException("could not read " + what + " from " + topicsOf(ends.keySet()) + " at "
                    + bootstrap + " " + deadline.within());
        }
    }

    private static String topicsOf(Collection<TopicPartition> partitions) {
        return String.join(", ", partitions.stream().map(TopicPartition::topic).distinct().sorted().toList());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
