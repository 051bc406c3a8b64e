package org.netbend.live;

/**
 * What stays fixed during a session (the prompt and bends change through {@link LiveLoop}'s controls).
 *
 * @param fps        frames per second of the loop (and of the recorded job)
 * @param width      image width, a multiple of 8
 * @param height     image height, a multiple of 8
 * @param steps      sampler steps (1..4 with lcm or a turbo model)
 * @param scheduler  a render scheduler name ({@link org.netbend.render.schedule.Scheduler#NAMES})
 * @param guidance   CFG scale; at 1 or below the unconditional half is skipped
 * @param seed       keys the noise, as a job's seed
 * @param walkFrames frames per cycle of the paper's noise walk (the job's {@code walk: paper})
 * @param fadeFrames frames a prompt change crossfades over, at least 1
 */
public record LiveSettings(double fps, int width, int height, int steps, String scheduler, double guidance, long seed,
        int walkFrames, int fadeFrames) {
    public LiveSettings {
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be in (0, 120], got " + fps);
        }
        if (width <= 0 || height <= 0 || width % 8 != 0 || height % 8 != 0) {
            throw new IllegalArgumentException("size must be positive multiples of 8, got " + width + "x" + height);
        }
        if (steps < 1 || steps > 1000) {
            throw new IllegalArgumentException("steps must be 1..1000, got " + steps);
        }
        if (walkFrames < 1) {
            throw new IllegalArgumentException("walk frames must be >= 1, got " + walkFrames);
        }
        if (fadeFrames < 1) {
            throw new IllegalArgumentException("a prompt crossfade takes at least 1 frame, got " + fadeFrames);
        }
    }

    /** 24 fps, 256x256, 1 LCM step without CFG, seed 0, the paper walk over 48 frames, 12-frame crossfades. */
    public static LiveSettings defaults() {
        return new LiveSettings(24, 256, 256, 1, "lcm", 1.0, 0, 48, 12);
    }

    public LiveSettings withSize(int w, int h) {
        return new LiveSettings(fps, w, h, steps, scheduler, guidance, seed, walkFrames, fadeFrames);
    }

    public LiveSettings withSteps(int n) {
        return new LiveSettings(fps, width, height, n, scheduler, guidance, seed, walkFrames, fadeFrames);
    }

    public LiveSettings withScheduler(String name) {
        return new LiveSettings(fps, width, height, steps, name, guidance, seed, walkFrames, fadeFrames);
    }

    public LiveSettings withFps(double value) {
        return new LiveSettings(value, width, height, steps, scheduler, guidance, seed, walkFrames, fadeFrames);
    }

    public LiveSettings withGuidance(double value) {
        return new LiveSettings(fps, width, height, steps, scheduler, value, seed, walkFrames, fadeFrames);
    }

    public LiveSettings withFadeFrames(int value) {
        return new LiveSettings(fps, width, height, steps, scheduler, guidance, seed, walkFrames, value);
    }
}
