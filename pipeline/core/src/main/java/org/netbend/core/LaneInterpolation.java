package org.netbend.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a lane's value moves between its points. Before the first point a lane holds the first point's value,
 * after the last point the last one's, whatever the interpolation.
 */
public enum LaneInterpolation {
    /** The value of the last point at or before t: a staircase. */
    STEP,
    /** A straight line between neighbouring points. */
    LINEAR,
    /**
     * Monotone cubic Hermite (Fritsch and Carlson): smooth, through every point, and never above or below its
     * two neighbouring points, so a curve drawn between 0 and 1 stays in 0..1 (Catmull-Rom and natural splines
     * overshoot, which would push a parameter past its range).
     */
    CUBIC;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** step, linear or cubic; an IllegalArgumentException listing them otherwise. */
    public static LaneInterpolation of(String text) {
        for (LaneInterpolation value : values()) {
            if (value.label().equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("interpolation must be one of " + Arrays.stream(values())
                .map(LaneInterpolation::label).collect(Collectors.joining(", ")) + ", got '" + text + "'");
    }
}
