package org.netbend.bend;

import java.io.Serializable;

/**
 * The values a parameter may take without producing NaN or infinity in the latent. A constant outside the
 * domain is a parse error; a value from audio outside it is clamped at run time (see {@link #clamp}).
 *
 * @param lo           smallest allowed value
 * @param hi           largest allowed value
 * @param minMagnitude values with {@code |v| < minMagnitude} are not allowed (0 = no hole); used by inversion's 1/r
 * @param rule         the rule in words, for error messages and docs
 */
public record Domain(double lo, double hi, double minMagnitude, String rule) implements Serializable {
    /** Bound for parameters with no natural limit: keeps x*r and x+r far inside float range. */
    public static final double LIMIT = 1e6;

    public static Domain any() {
        return new Domain(-LIMIT, LIMIT, 0, "any number in -1e6..1e6");
    }

    public static Domain between(double lo, double hi) {
        return new Domain(lo, hi, 0, BendNumbers.format(lo) + ".." + BendNumbers.format(hi));
    }

    public static Domain atLeast(double lo) {
        return new Domain(lo, LIMIT, 0, ">= " + BendNumbers.format(lo));
    }

    public static Domain awayFromZero(double minMagnitude) {
        return new Domain(-LIMIT, LIMIT, minMagnitude, "|r| >= " + BendNumbers.format(minMagnitude));
    }

    public boolean contains(double v) {
        return Double.isFinite(v) && v >= lo && v <= hi && Math.abs(v) >= minMagnitude;
    }

    /**
     * The nearest allowed value. NaN becomes the allowed value nearest to 0; values in the hole around 0
     * move to its edge on their own side (0 itself goes to +minMagnitude).
     */
    public double clamp(double v) {
        double x = Double.isNaN(v) ? 0.0 : v;
        x = Math.max(lo, Math.min(hi, x));
        if (Math.abs(x) < minMagnitude) {
            x = x < 0 ? -minMagnitude : minMagnitude;
            x = Math.max(lo, Math.min(hi, x));
        }
        return x;
    }
}
