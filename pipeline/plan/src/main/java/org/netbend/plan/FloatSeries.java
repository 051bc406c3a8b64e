package org.netbend.plan;

import java.util.Arrays;

/** A growable float array: one value per frame, length unknown until the stream ends. */
final class FloatSeries {
    private float[] values = new float[1024];
    private int size;

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

    /** The first {@code length} values, zero-padded. */
    float[] toArray(int length) { return Arrays.copyOf(values, length); }

    private void ensure(int capacity) {
        if (capacity > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, capacity));
        }
    }
}
