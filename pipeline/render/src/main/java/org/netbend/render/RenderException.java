package org.netbend.render;

/** A model that cannot be loaded or run, or a request the model cannot serve; the message says which. */
public class RenderException extends RuntimeException {
    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
