package org.netbend.farm;

import org.netbend.bend.BendProgram;
import org.netbend.bend.PromptWeights;
import org.netbend.core.LatentBender;
import org.netbend.core.RgbImage;
import org.netbend.job.CompiledJob;
import org.netbend.job.JobRequest;
import org.netbend.render.FrameRequest;
import org.netbend.render.InitialNoise;
import org.netbend.render.Interpolation;
import org.netbend.render.PromptMix;
import org.netbend.render.PromptTimeline;
import org.netbend.render.TimedPrompt;

/** Turns a job request and a frame index into the diffusion request for that frame. */
final class FramePlanner {
    private final JobRequest request;
    private final BendProgram program;
    private final PromptTimeline timeline;
    private final InitialNoise noise;
    private final int width;
    private final int height;

    FramePlanner(CompiledJob job, int defaultWidth, int defaultHeight, int fullFrames) {
        JobRequest request = job.request();
        this.request = request;
        this.program = job.program();
        this.timeline = PromptTimeline.of(
                request.prompts().stream().map(p -> new TimedPrompt(p.at(), p.text())).toList(),
                switch (request.promptInterpolation()) {
                    case SLERP -> Interpolation.SLERP;
                    case LINEAR -> Interpolation.LINEAR;
                });
        this.noise = switch (request.walk()) {
            case PAPER -> InitialNoise.paperWalk(request.walkFrames());
            case INDEPENDENT -> InitialNoise.independent();
            // A preview's frames are spread over the full render's: its walk runs over the full render's.
            case CODE -> InitialNoise.codeWalk(request.walkLength(), request.walkWeight(), fullFrames);
        };
        this.width = request.width() > 0 ? request.width() : defaultWidth;
        this.height = request.height() > 0 ? request.height() : defaultHeight;
    }

    JobRequest request() { return request; }

    BendProgram program() { return program; }

    int width() { return width; }

    int height() { return height; }

    FrameRequest txt2img(int frame, LatentBender bender, double[][] params) {
        return build(frame, bender, null, params);
    }

    FrameRequest img2img(int frame, LatentBender bender, RgbImage previous, double[][] params) {
        return build(frame, bender, previous, params);
    }

    /** The prompt timeline at {@code seconds}, unless a code-prompts bend chooses the frame's prompts from its code. */
    private PromptMix prompt(double seconds, double[][] params) {
        PromptWeights weights = program.choosesPrompts() ? program.promptWeights(params) : null;
        return weights == null ? timeline.at(seconds) : PromptMix.weighted(weights.prompts(), weights.weights());
    }

    private FrameRequest build(int frame, LatentBender bender, RgbImage init, double[][] params) {
        // A preview's frame i is the full render's frame sourceFrame(i): its time, its noise.
        int source = request.sourceFrame(frame);
        return new FrameRequest(prompt(source / request.fps(), params), request.negativePrompt(), request.steps(),
                request.guidance(), request.seed(), source, width, height, noise, bender, init,
                request.strength(), request.scheduler().spelling());
    }
}
