package org.netbend.bend;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers as artists write them in bend specs: {@code 0.5}, {@code -3}, {@code 1e-3}, and multiples of pi
 * ({@code pi}, {@code 2pi}, {@code pi/2}, {@code 0.5pi}, {@code -2pi/3}), and degrees ({@code 360deg}, {@code -90deg},
 * read as radians). {@link #format} writes the shortest
 * text that {@link #parse} reads back to the identical double, using pi where the value is k*pi/n.
 */
public final class BendNumbers {
    private static final Pattern NUMBER = Pattern.compile(
            "(-)?((?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)?(pi)?(?:/((?:\\d+\\.?\\d*|\\.\\d+)))?");
    private static final int[] PI_DIVISORS = {1, 2, 3, 4, 6, 8, 12, 16};

    private static final String DEGREES = "deg";

    private BendNumbers() { }

    /** True when the text reads as a number (does not throw). */
    public static boolean isNumber(String text) {
        if (text.endsWith(DEGREES)) {
            return isPlain(text.substring(0, text.length() - DEGREES.length()));
        }
        return matchesSome(text);
    }

    private static boolean isPlain(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.matches() && m.group(2) != null && m.group(3) == null && m.group(4) == null;
    }

    private static boolean matchesSome(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.matches() && (m.group(2) != null || m.group(3) != null);
    }

    /**
     * @throws BendSpecException naming the text when it is not a finite number
     */
    public static double parse(String text) {
        if (text.endsWith(DEGREES)) {
            String degrees = text.substring(0, text.length() - DEGREES.length());
            if (!isPlain(degrees)) {
                throw new BendSpecException("'" + text + "' is not a number of degrees (write e.g. 90deg, -45deg)");
            }
            return Math.toRadians(Double.parseDouble(degrees));
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.matches() || (m.group(2) == null && m.group(3) == null)) {
            throw new BendSpecException("'" + text + "' is not a number (write e.g. 0.5, -3, 1e-3, pi, 2pi, pi/2,"
                    + " 90deg)");
        }
        double value = m.group(2) == null ? 1.0 : Double.parseDouble(m.group(2));
        if (m.group(3) != null) {
            value = value * Math.PI;
        }
        if (m.group(4) != null) {
            double divisor = Double.parseDouble(m.group(4));
            if (divisor == 0) {
                throw new BendSpecException("'" + text + "' divides by zero");
            }
            value = value / divisor;
        }
        if (m.group(1) != null) {
            value = -value;
        }
        if (!Double.isFinite(value)) {
            throw new BendSpecException("'" + text + "' is too large to be a number");
        }
        return value;
    }

    /** A text that parses back to exactly {@code value}. */
    public static String format(double value) {
        if (value == 0) {
            return "0";
        }
        String pi = asPiMultiple(value);
        if (pi != null) {
            return pi;
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e9) {
            return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        }
        return Double.toString(value);
    }

    private static String asPiMultiple(double value) {
        for (int n : PI_DIVISORS) {
            long k = Math.round(Math.abs(value) * n / Math.PI);
            if (k == 0 || k > 8L * n) {
                continue;
            }
            // Same operations as parse: (k * pi) / n, then the sign.
            double candidate = (k * Math.PI) / n;
            if (candidate == Math.abs(value)) {
                String text = (k == 1 ? "" : Long.toString(k)) + "pi" + (n == 1 ? "" : "/" + n);
                return value < 0 ? "-" + text : text;
            }
        }
        return null;
    }
}
