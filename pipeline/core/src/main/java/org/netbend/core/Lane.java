package org.netbend.core;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parameter drawn by hand (or recorded live) as keyframes: points in time order and how to move between them.
 * Bends read it like a feature, {@code lane:NAME}; PLAN turns it into one value per frame. All times of a lane are
 * in seconds or all in beats, so the order of the points is known before the tempo is.
 */
public record Lane(LaneInterpolation interpolation, List<LanePoint> points) implements Serializable {
    /**
     * Enough for a 10-minute live recording of a knob thinned to the points where it turns (the recorder keeps a
     * point where the value leaves the straight line), while a request stays under its 1 MiB.
     */
    public static final int MAX_POINTS = 20_000;
    /** A request names a handful of lanes; each is one more feature per frame. */
    public static final int MAX_LANES = 64;
    /** What bends write after {@code lane:}: the stems' alphabet. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    /** @throws IllegalArgumentException naming the point ("point 3 (4.5 s): ...") */
    public Lane {
        if (interpolation == null) {
            throw new IllegalArgumentException("the interpolation is missing (step, linear or cubic)");
        }
        points = points == null ? List.of() : List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("has no points; give at least one TIME:(VALUE)");
        }
        if (points.size() > MAX_POINTS) {
            throw new IllegalArgumentException("has " + points.size() + " points; a lane holds at most " + MAX_POINTS
                    + " (thin a recording to the points where the value turns)");
        }
        boolean beats = points.get(0).time().beats();
        for (int i = 1; i < points.size(); i++) {
            LaneTime time = points.get(i).time();
            if (time.beats() != beats) {
                throw new IllegalArgumentException(point(i, points.get(i)) + ": is in " + unit(time.beats())
                        + " but point 1 is in " + unit(beats) + "; a lane's times are all seconds or all beats");
            }
            if (!(time.amount() > points.get(i - 1).time().amount())) {
                throw new IllegalArgumentException(point(i, points.get(i)) + ": times must increase; point " + i
                        + " is at " + points.get(i - 1).time().text() + (beats ? "" : " s"));
            }
        }
    }

    /** True when its times are beats of the track's tempo. */
    public boolean inBeats() { return points.get(0).time().beats(); }

    /** "point 3 (4.5 s)", 1-based as people count. */
    public static String point(int index, LanePoint point) {
        return "point " + (index + 1) + " (" + point.time().text() + (point.time().beats() ? "" : " s") + ")";
    }

    /** @throws IllegalArgumentException unless the name is 1..32 of a-z, 0-9, '_' and '-' */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("lane name '" + (name == null ? "" : name)
                    + "' must be 1..32 of a-z, 0-9, '_' and '-'");
        }
        return name;
    }

    private static String unit(boolean beats) { return beats ? "beats" : "seconds"; }
}
