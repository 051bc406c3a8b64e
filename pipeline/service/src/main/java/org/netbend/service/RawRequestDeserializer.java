package org.netbend.service;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Hands every record on as bytes: a deserializer that cannot fail, so a poison message never stops the source. */
final class RawRequestDeserializer implements KafkaRecordDeserializationSchema<RawRequest> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRequest> out) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        out.collect(new RawRequest(key, record.value(), record.topic(), record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<RawRequest> getProducedType() {
        return TypeInformation.of(RawRequest.class);
    }
}
