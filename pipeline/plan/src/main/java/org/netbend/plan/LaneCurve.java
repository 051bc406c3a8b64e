package org.netbend.plan;

import java.util.List;
import org.netbend.core.Lane;
import org.netbend.core.LanePoint;

/**
 * A lane's value at any time: its points joined by steps, straight lines or a monotone cubic (Fritsch-Carlson
 * tangents on a cubic Hermite spline), held flat before the first point and after the last. The monotone cubic
 * passes through every point and never leaves the range of two neighbouring points, so it has no overshoot.
 */
public final class LaneCurve {
    private final Lane lane;
    private final double[] times;
    private final double[] values;
    private final double[] tangents;

    /** @param secondsPerBeat seconds per beat of the track's tempo, for a lane timed in beats (else unused) */
    public LaneCurve(Lane lane, double secondsPerBeat) {
        this.lane = lane;
        List<LanePoint> points = lane.points();
        int n = points.size();
        times = new double[n];
        values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = points.get(i).time().inSeconds(secondsPerBeat);
            values[i] = points.get(i).value();
        }
        tangents = monotoneTangents(times, values);
    }

    /** The value at {@code seconds}. */
    public double at(double seconds) {
        int n = times.length;
        if (seconds <= times[0]) {
            return values[0];
        }
        if (seconds >= times[n - 1]) {
            return values[n - 1];
        }
        int k = segment(seconds);
        return between(k, seconds);
    }

    /** The value at each frame's time {@code i / fps}, in one pass over the points. */
    public double[] perFrame(int frames, double fps) {
        double[] out = new double[frames];
        int k = 0;
        int n = times.length;
        for (int i = 0; i < frames; i++) {
            double t = i / fps;
            if (t <= times[0]) {
                out[i] = values[0];
                continue;
            }
            if (t >= times[n - 1]) {
                out[i] = values[n - 1];
                continue;
            }
            while (times[k + 1] <= t) {
                k++;
            }
            out[i] = between(k, t);
        }
        return out;
    }

    /** times[k] <= t < times[k + 1]. */
    private double between(int k, double t) {
        return switch (lane.interpolation()) {
            case STEP -> values[k];
            case LINEAR -> values[k] + (values[k + 1] - values[k]) * (t - times[k]) / (times[k + 1] - times[k]);
            case CUBIC -> hermite(k, t);
        };
    }

    private double hermite(int k, double t) {
        double h = times[k + 1] - times[k];
        double s = (t - times[k]) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        return (2 * s3 - 3 * s2 + 1) * values[k] + (s3 - 2 * s2 + s) * h * tangents[k]
                + (-2 * s3 + 3 * s2) * values[k + 1] + (s3 - s2) * h * tangents[k + 1];
    }

    /** Largest k with times[k] <= t, for times[0] < t < times[n-1]. */
    private int segment(double t) {
        int lo = 0;
        int hi = times.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Fritsch-Carlson: secant slopes, their mean at inner points (0 where the slope changes sign or a neighbour is
     * flat), then each segment's pair scaled down so that (alpha, beta) lies in the circle of radius 3.
     */
    static double[] monotoneTangents(double[] x, double[] y) {
        int n = x.length;
        double[] m = new double[n];
        if (n < 2) {
            return m;
        }
        double[] d = new double[n - 1];
        for (int k = 0; k < n - 1; k++) {
            d[k] = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
        }
        m[0] = d[0];
        m[n - 1] = d[n - 2];
        for (int k = 1; k < n - 1; k++) {
            m[k] = d[k - 1] * d[k] > 0 ? (d[k - 1] + d[k]) / 2 : 0;
        }
        for (int k = 0; k < n - 1; k++) {
            if (d[k] == 0) {
                m[k] = 0;
                m[k + 1] = 0;
                continue;
            }
            double a = m[k] / d[k];
            double b = m[k + 1] / d[k];
            double r = a * a + b * b;
            if (r > 9) {
                double tau = 3 / Math.sqrt(r);
                m[k] = tau * a * d[k];
                m[k + 1] = tau * b * d[k];
            }
        }
        return m;
    }
}
