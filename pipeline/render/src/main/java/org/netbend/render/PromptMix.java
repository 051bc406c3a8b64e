package org.netbend.render;

import java.io.Serializable;
import java.util.List;

/**
 * The prompt of one frame: {@code from} blended towards {@code to} by {@code t} (0 = only {@code from}),
 * in text-embedding space; or, for a {@code code-prompts} bend, k prompts mixed by weights that sum to 1
 * ({@code prompts}, {@code weights}; empty otherwise).
 */
public record PromptMix(String from, String to, double t, Interpolation interpolation, List<String> prompts,
        List<Double> weights) implements Serializable {
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
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        weights = weights == null ? List.of() : List.copyOf(weights);
        if (prompts.size() != weights.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + weights.size() + " weights");
        }
    }

    /** Two prompts blended by t. */
    public PromptMix(String from, String to, double t, Interpolation interpolation) {
        this(from, to, t, interpolation, List.of(), List.of());
    }

    /** A single prompt. */
    public static PromptMix of(String prompt) {
        return new PromptMix(prompt, prompt, 0, Interpolation.LINEAR);
    }

    /**
     * k prompts by weight: a weight of exactly 1 is that prompt alone (bit for bit the plain prompt), two prompts
     * are a slerp by the second's weight, more are the weighted sum of their embeddings.
     */
    public static PromptMix weighted(List<String> prompts, List<Double> weights) {
        for (int i = 0; i < prompts.size(); i++) {
            if (weights.get(i) == 1.0) {
                return of(prompts.get(i));
            }
        }
        if (prompts.size() == 2) {
            return new PromptMix(prompts.get(0), prompts.get(1), weights.get(1), Interpolation.SLERP);
        }
        return new PromptMix(prompts.get(0), prompts.get(0), 0, Interpolation.LINEAR, prompts, weights);
    }

    /** True when the mix is one prompt (no blending needed). */
    public boolean isSingle() {
        return prompts.isEmpty() && (t == 0 || from.equals(to));
    }
}
