package org.netbend.service;

/**
 * A message of the requests topic as it arrived: nothing is decoded yet, so that a message that is not even JSON
 * reaches the intake and gets its REJECTED answer instead of failing the source.
 *
 * @param key   the record's key (the job id by convention), or null
 * @param value the record's value, or null
 */
public record RawRequest(String key, byte[] value) { }
