package org.netbend.plan;

import java.util.Arrays;

/**
 * The recent stretch of a sample stream, addressed by absolute sample index, so that windows of several lengths
 * (frame, pitch, onset) can be cut from one pass over the audio. Indices before 0 and at or past the end of the
 * stream read as zeros. Memory is bounded by the longest window plus one read block, whatever the track length.
 */
final class SampleHistory {
    private float[] data = new float[1 << 14];
    private long base;        // absolute index of data[0]
    private int size;         // valid samples in data
    private boolean ended;

    /** Samples appended so far (the end of the stream once {@link #end()} was called). */
    long available() { return base + size; }

    boolean ended() { return ended; }

    void end() { ended = true; }

    void append(float[] block, int count) {
        if (size + count > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + count));
        }
        System.arraycopy(block, 0, data, size, count);
        size += count;
    }

    /** True when [start, start+length) can be read: all of it has arrived, or the stream has ended. */
    boolean covers(long start, int length) { return ended || start + length <= available(); }

    /** Copies [start, start+length) into out[0..length), zeros outside the stream. */
    void copy(long start, int length, float[] out) {
        if (start + length > 0 && Math.max(start, 0) < base) {
            throw new IllegalStateException("samples before " + base + " were already discarded (asked " + start + ")");
        }
        int filled = 0;
        while (filled < length) {
            long index = start + filled;
            if (index < 0) {
                int zeros = (int) Math.min(length - filled, -index);
                Arrays.fill(out, filled, filled + zeros, 0f);
                filled += zeros;
            } else if (index >= base + size) {
                Arrays.fill(out, filled, length, 0f);
                filled = length;
            } else {
                int from = (int) (index - base);
                int count = Math.min(length - filled, size - from);
                System.arraycopy(data, from, out, filled, count);
                filled += count;
            }
        }
    }

    /** Forgets samples before {@code index}; later reads must not ask for them. */
    void discardBefore(long index) {
        int drop = (int) Math.min(size, Math.max(0, index - base));
        if (drop == 0) {
            return;
        }
        System.arraycopy(data, drop, data, 0, size - drop);
        size -= drop;
        base += drop;
    }
}
