package org.netbend.service.client;

/**
 * The Kafka broker cannot take a client's requests: it did not answer within the check's deadline, refused the
 * client, or lacks the service's topics. A problem of the network, the settings or the service, not of the client;
 * the message names the broker.
 */
public final class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message) {
        super(message);
    }
}
