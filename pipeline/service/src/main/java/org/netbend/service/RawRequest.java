package org.netbend.service;

/**
 * A message of the requests topic as it arrived: nothing is decoded yet, so that a message that is not even JSON
 * reaches the intake and gets its REJECTED answer instead of failing the source.
 *
 * @param key       the record's key (the job id by convention), or null
 * @param value     the record's value, or null
 * @param topic     where it was read, for the dead-letter count ({@link DeadLetterFunction}); "" when not from Kafka
 * @param partition its partition, or -1
 * @param offset    its offset, or -1
 */
public record RawRequest(String key, byte[] value, String topic, int partition, long offset) {
    /** A message that did not come from Kafka (tests). */
    public RawRequest(String key, byte[] value) {
        this(key, value, "", -1, -1);
    }
}
