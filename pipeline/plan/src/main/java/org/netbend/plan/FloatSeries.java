package org.netbend.plan;

import java.util.Arrays;

/**
 * A growable float array: one value per frame, length known only when the stream ends. Sized up front from the
 * container's duration where there is one, so that a whole track is normally one array, handed out without a copy.
 */
final class FloatSeries {
    private float[] values;
    private int size;

    FloatSeries() { this(1024); }

    FloatSeries(int expectedLength) { values = new float[Math.max(16, expectedLength)]; }

    void set(int index, float value) {
        ensure(index + 1);
        values[index] = value;
        size = Math.max(size, index + 1);
    }

    /** Keeps the larger of the current and the new value (for maxima over a frame). */
    void max(int index, float value) {
        ensure(index + 1);
        if (index >= size || value > values[index]) {
            values[index] = value;
        }
        size = Math.max(size, index + 1);
    }

    float get(int index) { return index < size ? values[index] : 0f; }

    /**
     * The first {@code length} values, zero-padded. When the series already has exactly that capacity its own
     * array is returned (no second copy of a long track); the series must not be written after this.
     */
    float[] toArray(int length) { return values.length == length ? values : Arrays.copyOf(values, length); }

    private void ensure(int capacity) {
        if (capacity > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, capacity));
        }
    }
}
