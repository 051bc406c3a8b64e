package org.netbend.render;

import java.io.Serializable;

/**
 * The prompt of one frame: {@code from} blended towards {@code to} by {@code t} (0 = only {@code from}),
 * in text-embedding space.
 */
public record PromptMix(String from, String to, double t, Interpolation interpolation) implements Serializable {
    public PromptMix {
        if (from == null || to == null) {
            throw new IllegalArgumentException("prompts must not be null (use \"\" for an empty prompt)");
        }
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("prompt mix t must be in 0..1, got " + t);
        }
        if (interpolation == null) {
            throw new IllegalArgumentException("interpolation must not be null");
        }
    }

    /** A single prompt. */
    public static PromptMix of(String prompt) {
        return new PromptMix(prompt, prompt, 0, Interpolation.LINEAR);
    }

    /** True when the mix is one prompt (no blending needed). */
    public boolean isSingle() {
        return t == 0 || from.equals(to);
    }
}
