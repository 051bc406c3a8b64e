package org.netbend.farm;

/**
 * Frames per second and time left for one job, from the frames rendered since this tracker started. Frames
 * found in the store count as done but not as speed, so a resumed job does not promise an ETA it cannot keep.
 * Wall-clock only: nothing here touches a frame.
 */
public final class ProgressRate {
    private final long startNanos;
    private long rendered;

    public ProgressRate(long startNanos) {
        this.startNanos = startNanos;
    }

    public void rendered(int frames) {
        rendered += frames;
    }

    /** Rendered frames per second since the start; 0 before the first one. */
    public double framesPerSecond(long nowNanos) {
        long elapsed = nowNanos - startNanos;
        return rendered == 0 || elapsed <= 0 ? 0 : rendered * 1e9 / elapsed;
    }

    /** Seconds until {@code remaining} more frames are done at the current speed; 0 when none remain, -1 while unknown. */
    public double etaSeconds(int remaining, long nowNanos) {
        if (remaining <= 0) {
            return 0;
        }
        double rate = framesPerSecond(nowNanos);
        return rate > 0 ? remaining / rate : -1;
    }
}
