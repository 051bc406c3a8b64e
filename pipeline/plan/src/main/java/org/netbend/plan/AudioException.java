package org.netbend.plan;

import java.io.IOException;
import java.nio.file.Path;

/** An audio file could not be read. The message is one line that names the file and the problem. */
public class AudioException extends IOException {
    private static final long serialVersionUID = 1L;

    public AudioException(String message) {
        super(message);
    }

    public AudioException(String message, Throwable cause) {
        super(message, cause);
    }

    static AudioException of(Path file, String problem) {
        return new AudioException(file + ": " + problem);
    }

    static AudioException of(Path file, String problem, Throwable cause) {
        return new AudioException(file + ": " + problem, cause);
    }
}
