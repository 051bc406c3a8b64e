package org.netbend.job;

/** A prompt that takes over at a time in the track (seconds). */
public record PromptCue(double at, String text) {
    public PromptCue {
        if (!(at >= 0) || !Double.isFinite(at)) {
            throw new IllegalArgumentException("prompt time must be a finite number of seconds >= 0, got " + at);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("prompt text must not be empty");
        }
    }
}
