package org.netbend.bend;

import java.util.List;
import org.netbend.core.ModifierKind;

/** Checks the values of modifier arguments at parse time, so PLAN never meets a window of 0 or a 0-wide input. */
final class ModifierChecks {
    private static final List<String> CURVES = List.of("linear", "exp", "log", "power");

    private ModifierChecks() { }

    static void check(ModifierKind kind, List<String> args, String text) {
        switch (kind) {
            case DELAY -> wholeNumber(args.get(0), text);
            case MEDIAN -> {
                long window = wholeNumber(args.get(0), text);
                if (window < 1 || window % 2 == 0) {
                    throw problem(text, "the median window must be an odd number of frames >= 1");
                }
            }
            case SMOOTH -> within(number(args.get(0), text), 0, 1, text, "a must be in 0..1");
            case ENVELOPE -> {
                within(number(args.get(0), text), 0, Double.MAX_VALUE, text, "attack ms must be >= 0");
                within(number(args.get(1), text), 0, Double.MAX_VALUE, text, "release ms must be >= 0");
            }
            case GATE -> within(number(args.get(0), text), 0, 1, text, "p must be in 0..1");
            case INPUT -> {
                if (number(args.get(0), text) == number(args.get(1), text)) {
                    throw problem(text, "lo and hi must differ (a zero-wide input range divides by zero)");
                }
            }
            case CURVE -> {
                String shape = args.get(0);
                if (!CURVES.contains(shape)) {
                    throw problem(text, "unknown curve '" + shape + "'; known: " + String.join(", ", CURVES));
                }
                if (shape.equals("power")) {
                    if (args.size() != 2) {
                        throw problem(text, "curve(power, gamma) needs gamma");
                    }
                    if (!(number(args.get(1), text) > 0)) {
                        throw problem(text, "gamma must be > 0");
                    }
                } else if (args.size() != 1) {
                    throw problem(text, "only curve(power, gamma) takes a second argument");
                }
            }
            case INVERT -> { }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private static double number(String arg, String text) {
        try {
            return BendNumbers.parse(arg);
        } catch (BendSpecException e) {
            throw problem(text, e.getMessage());
        }
    }

    private static long wholeNumber(String arg, String text) {
        if (!arg.matches("-?\\d{1,9}")) {
            throw problem(text, "'" + arg + "' is not a whole number of frames");
        }
        return Long.parseLong(arg);
    }

    private static void within(double value, double lo, double hi, String text, String rule) {
        if (!(value >= lo && value <= hi)) {
            throw problem(text, rule);
        }
    }

    private static BendSpecException problem(String text, String message) {
        return new BendSpecException("modifier '" + text + "': " + message);
    }
}
