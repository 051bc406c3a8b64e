package org.netbend.core;

import java.io.Serializable;

/** A closed interval of parameter values, {@code lo..hi}; {@code lo > hi} is allowed and maps in reverse. */
public record Range(double lo, double hi) implements Serializable {
    public Range {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("range bounds must be finite numbers, got " + lo + ".." + hi);
        }
    }

    /** Maps {@code t} in 0..1 linearly onto the range. */
    public double at(double t) { return lo + (hi - lo) * t; }

    public double span() { return hi - lo; }

    @Override
    public String toString() { return lo + ".." + hi; }
}
