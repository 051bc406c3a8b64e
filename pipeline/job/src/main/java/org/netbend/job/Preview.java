package org.netbend.job;

/**
 * What makes a request a preview, as stored in its request.json (and so in its job id): frame i of the preview
 * is frame {@code i * every} of the full render (its time, its noise, its bend parameters), at most
 * {@code frames} of them (0: all). The request around it holds the preview's own steps, size and (scaled) bends,
 * so the stored request says exactly what renders. A preview is never the same request as a render, so it never
 * shares a job id or a store prefix with one.
 */
public record Preview(int every, int frames) {
    /** Beyond this a preview is a handful of stills; a gallery cell asks for one frame with {@code frames}. */
    public static final int MAX_EVERY = 1000;

    public Preview {
        if (every < 1 || every > MAX_EVERY) {
            throw new InvalidRequestException("preview.every", "must be in 1.." + MAX_EVERY + ", got " + every);
        }
        if (frames < 0) {
            throw new InvalidRequestException("preview.frames", "must be >= 0 (0: every preview frame), got " + frames);
        }
    }

    /** The preview's frame count for a track of {@code fullFrames} frames: every k-th, the first included. */
    public int frameCount(int fullFrames) {
        int sampled = (fullFrames + every - 1) / every;
        return frames > 0 ? Math.min(frames, sampled) : sampled;
    }

    /** The full render's frame that preview frame {@code frame} shows. */
    public int sourceFrame(int frame) {
        return frame * every;
    }
}
