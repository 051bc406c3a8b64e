package org.netbend.service.client;

/** The topics hold no request and no result for a job id: a mistyped id, or one the topics no longer keep. */
public final class UnknownJobException extends IllegalArgumentException {
    public UnknownJobException(String message) {
        super(message);
    }
}
