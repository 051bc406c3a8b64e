package org.netbend.bend;

import java.io.Serializable;
import java.util.List;

/**
 * One frame's prompts and their weights from a {@code code-prompts} bend (weights sum to 1).
 *
 * @param prompts the bend's prompts, in order
 * @param weights one weight per prompt
 */
public record PromptWeights(List<String> prompts, List<Double> weights) implements Serializable {
    public PromptWeights {
        prompts = List.copyOf(prompts);
        weights = List.copyOf(weights);
        if (prompts.size() != weights.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + weights.size() + " weights");
        }
    }
}
