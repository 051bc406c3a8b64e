package org.netbend.bend;

import java.util.List;

/**
 * Value lists for the gallery's {@code --values}: {@code 0..2pi:8} is 8 evenly spaced values from 0 to 2pi, both
 * ends included; {@code 1,2,3} is those values; a single number is a list of one. The count has its own
 * separator because {@code pi/4} is a number everywhere else: {@code 0..pi/4:3} is 0, pi/8 and pi/4. The old
 * {@code LO..HI/N} still reads as a count, with a {@link #deprecation} to print.
 */
public final class BendValues {
    /** More columns than any grid anyone would look at; guards against a typo such as /8000. */
    public static final int MAX_VALUES = 256;

    private BendValues() { }

    public static double[] parse(String text) {
        String compact = BendParser.compact(text);
        if (compact.isEmpty()) {
            throw new BendSpecException("empty value list; write e.g. 0..2pi:8 or 1,2,3");
        }
        int dots = compact.indexOf("..");
        if (dots < 0) {
            List<String> items = BendParser.splitTopLevel(compact, ',', "value list");
            double[] values = new double[items.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = BendNumbers.parse(items.get(i));
            }
            return values;
        }
        int colon = compact.lastIndexOf(':');
        int slash = compact.lastIndexOf('/');
        int split = colon > dots ? colon : slash;
        if (split < dots) {
            throw new BendSpecException("value range '" + compact + "' needs a count: LO..HI:N, e.g. 0..2pi:8");
        }
        String countText = compact.substring(split + 1);
        if (!countText.matches("\\d{1,4}")) {
            throw new BendSpecException("value count '" + countText + "' in '" + compact + "' is not a whole number");
        }
        int count = Integer.parseInt(countText);
        if (count < 2 || count > MAX_VALUES) {
            throw new BendSpecException("value count " + count + " in '" + compact + "' must be 2.." + MAX_VALUES
                    + " (both ends are included)");
        }
        double lo = BendNumbers.parse(compact.substring(0, dots));
        double hi = BendNumbers.parse(compact.substring(dots + 2, split));
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = i == count - 1 ? hi : lo + (hi - lo) * i / (count - 1);
        }
        return values;
    }

    /**
     * The one-line warning for the old count form {@code LO..HI/N} ({@code 0..pi/4} reads as 4 values, not as
     * 0..pi/4), or null when the text does not use it.
     */
    public static String deprecation(String text) {
        String compact = BendParser.compact(text);
        int dots = compact.indexOf("..");
        if (dots < 0 || compact.lastIndexOf(':') > dots || compact.lastIndexOf('/') < dots) {
            return null;
        }
        int slash = compact.lastIndexOf('/');
        String range = compact.substring(0, slash);
        String count = compact.substring(slash + 1);
        return "'" + compact + "' reads as " + count + " values from " + range.replace("..", " to ") + "; write "
                + range + ":" + count + " (the old LO..HI/N will go: " + compact.substring(dots + 2) + " is also a number)";
    }
}
