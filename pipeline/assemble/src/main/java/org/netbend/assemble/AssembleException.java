package org.netbend.assemble;

import java.io.IOException;

/** Encoding, concatenating, muxing or probing a video failed. The message names the file and what went wrong. */
public class AssembleException extends IOException {
    public AssembleException(String message) {
        super(message);
    }

    public AssembleException(String message, Throwable cause) {
        super(message, cause);
    }
}
