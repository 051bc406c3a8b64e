package org.netbend.service.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a client put on the requests topic, read back with a plain consumer, as the service would read it. */
public final class RequestsTopic {
    private RequestsTopic() { }

    /** The value of the last record keyed {@code key}, waiting up to {@code wait} for one to arrive. */
    public static String lastValue(String bootstrap, String topic, String key, Duration wait) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, wait).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(parts);
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                consumer.seekToBeginning(parts);
                Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
                String last = null;
                while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                    assertTrue(System.nanoTime() < deadline, topic + " was not read to its end within " + wait);
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        if (key.equals(r.key())) {
                            last = r.value();
                        }
                    }
                }
                if (last != null) {
                    return last;
                }
                assertTrue(System.nanoTime() < deadline, "no record keyed " + key + " on " + topic + " within " + wait);
            }
        }
    }
}
