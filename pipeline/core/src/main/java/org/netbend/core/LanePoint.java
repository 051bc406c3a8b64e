package org.netbend.core;

import java.io.Serializable;

/** One keyframe of a lane: at {@code time}, the lane is {@code value}. */
public record LanePoint(LaneTime time, double value) implements Serializable {
    public LanePoint {
        if (time == null) {
            throw new IllegalArgumentException("a lane point needs a time");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value " + value + " is not a finite number");
        }
    }
}
