package org.netbend.service.client;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A request on the requests topic, with where the results and progress topics ended just before it was sent:
 * an answer to it can only come after those offsets, so an older result of the same job id (say, CANCELLED
 * before a resubmission) is never taken for this one's.
 */
public record Submitted(String jobId, Map<TopicPartition, Long> before) {
    public Submitted {
        before = Map.copyOf(before);
    }
}
