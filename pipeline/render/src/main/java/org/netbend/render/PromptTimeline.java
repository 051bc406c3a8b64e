package org.netbend.render;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prompts at times; between two neighbours the embedding moves from one to the next. Before the first time
 * the first prompt holds, after the last the last one.
 */
public final class PromptTimeline implements Serializable {
    private final List<TimedPrompt> prompts;
    private final Interpolation how;

    private PromptTimeline(List<TimedPrompt> prompts, Interpolation how) {
        this.prompts = prompts;
        this.how = how;
    }

    public static PromptTimeline of(List<TimedPrompt> prompts, Interpolation how) {
        if (prompts == null || prompts.isEmpty()) {
            throw new IllegalArgumentException("a prompt timeline needs at least one prompt");
        }
        if (how == null) {
            throw new IllegalArgumentException("interpolation must not be null");
        }
        List<TimedPrompt> sorted = new ArrayList<>(prompts);
        sorted.sort(Comparator.comparingDouble(TimedPrompt::seconds));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).seconds() == sorted.get(i - 1).seconds()) {
                throw new IllegalArgumentException("two prompts at the same time " + sorted.get(i).seconds()
                        + " s: '" + sorted.get(i - 1).prompt() + "' and '" + sorted.get(i).prompt() + "'");
            }
        }
        return new PromptTimeline(List.copyOf(sorted), how);
    }

    /** One prompt for the whole track. */
    public static PromptTimeline constant(String prompt) {
        return of(List.of(new TimedPrompt(0, prompt)), Interpolation.LINEAR);
    }

    public List<TimedPrompt> prompts() { return prompts; }

    public Interpolation interpolation() { return how; }

    /** The mix at {@code seconds}; for video frame i at F fps pass i / F. */
    public PromptMix at(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("time must be finite, got " + seconds);
        }
        TimedPrompt first = prompts.get(0);
        if (seconds <= first.seconds()) {
            return PromptMix.of(first.prompt());
        }
        for (int i = 1; i < prompts.size(); i++) {
            TimedPrompt next = prompts.get(i);
            if (seconds < next.seconds()) {
                TimedPrompt previous = prompts.get(i - 1);
                double t = (seconds - previous.seconds()) / (next.seconds() - previous.seconds());
                return new PromptMix(previous.prompt(), next.prompt(), t, how);
            }
        }
        return PromptMix.of(prompts.get(prompts.size() - 1).prompt());
    }
}
