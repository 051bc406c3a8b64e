package org.netbend.cli;

import java.util.Locale;
import org.netbend.bend.BendValues;

/** Numbers on the command line, which may use pi the way bend specs do ("0.2pi", "pi/2"). */
final class Numbers {
    private Numbers() { }

    static double parse(String option, String text) {
        double[] values;
        try {
            values = BendValues.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
        if (values.length != 1) {
            throw new UserError(option + " takes one number, got '" + text + "'");
        }
        return values[0];
    }

    /** A time limit given in seconds, which must be positive. */
    static java.time.Duration seconds(String option, long seconds) {
        if (seconds <= 0) {
            throw new UserError(option + " must be a positive number of seconds, got " + seconds);
        }
        return java.time.Duration.ofSeconds(seconds);
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
