package org.netbend.live;

import java.util.ArrayList;
import java.util.List;
import org.netbend.render.Interpolation;
import org.netbend.render.PromptMix;
import org.netbend.render.PromptTimeline;
import org.netbend.render.TimedPrompt;

/**
 * The session's prompts as render's {@link PromptTimeline}: a change at frame n crossfading over k frames adds
 * (n/fps, the prompt held) and ((n+k)/fps, the new prompt), and every frame takes {@code timeline.at(n/fps)},
 * the same call the offline render makes, so the recorded timeline gives the same mix at every frame. A change
 * that arrives during a crossfade starts when that crossfade ends.
 */
final class PromptSchedule {
    private final double fps;
    private final List<TimedPrompt> prompts = new ArrayList<>();
    private PromptTimeline timeline;

    PromptSchedule(String first, double fps) {
        this.fps = fps;
        prompts.add(new TimedPrompt(0, first));
        timeline = PromptTimeline.of(prompts, Interpolation.LINEAR);
    }

    void change(String text, int atFrame, int fadeFrames) {
        TimedPrompt last = prompts.get(prompts.size() - 1);
        double start = Math.max(atFrame / fps, last.seconds());
        if (start > last.seconds()) {
            prompts.add(new TimedPrompt(start, last.prompt()));
        }
        prompts.add(new TimedPrompt(start + fadeFrames / fps, text));
        timeline = PromptTimeline.of(prompts, Interpolation.LINEAR);
    }

    PromptMix at(int frame) { return timeline.at(frame / fps); }

    List<TimedPrompt> prompts() { return List.copyOf(prompts); }
}
