package org.netbend.service.client;

/** A wait on Kafka ran out of time; the message says what was waited for, on which topic, and how long. */
public final class WaitTimeoutException extends RuntimeException {
    public WaitTimeoutException(String message) {
        super(message);
    }
}
