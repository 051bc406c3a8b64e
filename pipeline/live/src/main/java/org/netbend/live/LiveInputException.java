package org.netbend.live;

/** An input that cannot be opened or stopped working; the message is one line for the user. */
public final class LiveInputException extends Exception {
    public LiveInputException(String message) {
        super(message);
    }

    public LiveInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
