package org.netbend.service;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.netbend.job.JobResult;
import org.netbend.job.ProgressEvent;

/** The service's records on the results and progress topics: keyed by job id, the value the contract's JSON. */
final class JsonRecords {
    private JsonRecords() { }

    static final class Results implements KafkaRecordSerializationSchema<JobResult> {
        private final String topic;

        Results(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(JobResult result, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, result.jobId().getBytes(StandardCharsets.UTF_8),
                    result.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    static final class Progress implements KafkaRecordSerializationSchema<ProgressEvent> {
        private final String topic;

        Progress(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(ProgressEvent event, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, event.jobId().getBytes(StandardCharsets.UTF_8),
                    event.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }
}
