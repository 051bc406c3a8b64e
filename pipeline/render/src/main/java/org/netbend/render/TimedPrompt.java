package org.netbend.render;

import java.io.Serializable;

/** A prompt that is fully reached at {@code seconds} into the track. */
public record TimedPrompt(double seconds, String prompt) implements Serializable {
    public TimedPrompt {
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new IllegalArgumentException("prompt time must be a finite number of seconds >= 0, got " + seconds);
        }
        if (prompt == null) {
            throw new IllegalArgumentException("prompt at " + seconds + " s must not be null");
        }
    }
}
