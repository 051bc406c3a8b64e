package org.netbend.farm;

import java.util.ArrayList;
import java.util.List;

/** Splits a job's frames into contiguous segments of at most {@code segmentLength} frames. */
public final class SegmentPlanner {
    private SegmentPlanner() { }

    /** One {@code [first, end)} range per segment, in order; the last may be shorter. */
    public static List<int[]> split(int frameCount, int segmentLength) {
        if (frameCount < 1) {
            throw new IllegalArgumentException("a job needs at least one frame, got " + frameCount);
        }
        if (segmentLength < 1) {
            throw new IllegalArgumentException("segment length must be >= 1, got " + segmentLength);
        }
        List<int[]> ranges = new ArrayList<>();
        for (int first = 0; first < frameCount; first += segmentLength) {
            ranges.add(new int[] {first, Math.min(frameCount, first + segmentLength)});
        }
        return ranges;
    }
}
