package org.netbend.render;

import java.util.EnumMap;
import java.util.Map;

/**
 * Cumulative wall time and call counts per pipeline stage, since creation or the last {@link #reset()}.
 * Safe to read from another thread while a render runs.
 */
public final class StageTimings {

    public enum Stage { TOKENIZE, TEXT_ENCODER, UNET, SCHEDULER, BEND, VAE_DECODE, VAE_ENCODE }

    /** One stage's totals. */
    public record Total(long nanos, long count) {
        public double millisPerCall() { return count == 0 ? 0 : nanos / 1e6 / count; }
    }

    private final long[] nanos = new long[Stage.values().length];
    private final long[] counts = new long[Stage.values().length];
    private long frames;

    synchronized void add(Stage stage, long elapsedNanos) {
        nanos[stage.ordinal()] += elapsedNanos;
        counts[stage.ordinal()]++;
    }

    synchronized void addFrames(int n) { frames += n; }

    public synchronized long nanos(Stage stage) { return nanos[stage.ordinal()]; }

    public synchronized long count(Stage stage) { return counts[stage.ordinal()]; }

    /** Frames completed. */
    public synchronized long frames() { return frames; }

    public synchronized Total total(Stage stage) { return new Total(nanos(stage), count(stage)); }

    public synchronized Map<Stage, Total> snapshot() {
        Map<Stage, Total> map = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            map.put(s, total(s));
        }
        return map;
    }

    public synchronized void reset() {
        java.util.Arrays.fill(nanos, 0);
        java.util.Arrays.fill(counts, 0);
        frames = 0;
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder("frames=" + frames);
        for (Stage s : Stage.values()) {
            sb.append(String.format(java.util.Locale.ROOT, " %s=%.2fms/%d", s.name().toLowerCase(),
                    nanos(s) / 1e6, count(s)));
        }
        return sb.toString();
    }
}
