package org.netbend.assemble;

import java.util.Set;

/**
 * How chunks are encoded: H.264 (libx264) at a constant rate factor.
 *
 * @param fps              frames per second, e.g. 20
 * @param crf              x264 constant rate factor, 0 (lossless) to 51; 18 is visually near lossless
 * @param preset           x264 speed preset, {@code ultrafast} to {@code veryslow}; {@code medium} by default
 * @param keyFrameInterval the largest distance between key frames, in frames (the GOP size); every chunk also
 *                         starts with one, so chunks can be concatenated without re-encoding
 * @param threads          x264's threads: 0 lets x264 choose by the machine's cores (its output then depends on
 *                         the machine); a fixed count gives the same bytes on every machine
 */
public record VideoSettings(double fps, int crf, String preset, int keyFrameInterval, int threads) {
    public static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow", "placebo");

    public VideoSettings {
        if (!(fps > 0 && fps <= 1000)) {
            throw new IllegalArgumentException("fps must be in (0, 1000], got " + fps);
        }
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("crf must be 0..51 (lower is better quality), got " + crf);
        }
        if (preset == null || !PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown x264 preset '" + preset + "'; use one of "
                    + "ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow");
        }
        if (keyFrameInterval < 1) {
            throw new IllegalArgumentException("key frame interval must be at least 1 frame, got " + keyFrameInterval);
        }
        if (threads < 0 || threads > 64) {
            throw new IllegalArgumentException("x264 threads must be 0 (automatic) to 64, got " + threads);
        }
    }

    /** x264 picks its thread count. */
    public VideoSettings(double fps, int crf, String preset, int keyFrameInterval) {
        this(fps, crf, preset, keyFrameInterval, 0);
    }

    /** crf 18, preset medium, a key frame at least every 2 seconds. */
    public static VideoSettings defaults(double fps) {
        return new VideoSettings(fps, 18, "medium", Math.max(1, (int) Math.round(2 * fps)));
    }

    public VideoSettings withPreset(String newPreset) {
        return new VideoSettings(fps, crf, newPreset, keyFrameInterval, threads);
    }

    public VideoSettings withThreads(int newThreads) {
        return new VideoSettings(fps, crf, preset, keyFrameInterval, newThreads);
    }
}
