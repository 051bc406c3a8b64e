package org.netbend.core;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time as artists write it: seconds ({@code 12.5}), minutes and seconds ({@code 1:30}, {@code 0:07.5}), or, for
 * lanes, beats of the track's tempo ({@code 8b}, {@code 2.5b}). Beats stay beats until PLAN knows the tempo.
 *
 * @param amount seconds, or beats when {@code beats}
 */
public record LaneTime(double amount, boolean beats) implements java.io.Serializable {
    private static final Pattern SECONDS = Pattern.compile("\\d{1,7}(\\.\\d{1,9})?");
    private static final Pattern MINUTES = Pattern.compile("(\\d{1,5}):([0-5]?\\d(\\.\\d{1,9})?)");
    private static final Pattern BEATS = Pattern.compile("(\\d{1,7}(\\.\\d{1,9})?)b");

    public LaneTime {
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException("a time must be a finite number >= 0, got " + amount);
        }
    }

    public static LaneTime seconds(double seconds) { return new LaneTime(seconds, false); }

    /** {@code 12.5}, {@code 1:30}, {@code 1:02.5} or {@code 8b}; an IllegalArgumentException saying how to write it. */
    public static LaneTime parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher beats = BEATS.matcher(t);
        if (beats.matches()) {
            return new LaneTime(Double.parseDouble(beats.group(1)), true);
        }
        double seconds = secondsOrNaN(t);
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("'" + shorten(t) + "' is not a time; write seconds (12.5), minutes:seconds"
                    + " (1:30, 0:07.5) or beats of the track's tempo (8b)");
        }
        return seconds(seconds);
    }

    /**
     * Seconds from {@code 12.5} or {@code m:ss(.s)}: the form every time option takes ({@code --prompt-at 0:30=...}).
     *
     * @throws IllegalArgumentException saying how to write a time
     */
    public static double parseSeconds(String text) {
        String t = text == null ? "" : text.strip();
        double seconds = secondsOrNaN(t);
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("'" + shorten(t) + "' is not a time; write seconds (12.5) or"
                    + " minutes:seconds (1:30, 0:07.5)");
        }
        return seconds;
    }

    private static double secondsOrNaN(String t) {
        if (SECONDS.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        Matcher m = MINUTES.matcher(t);
        return m.matches() ? Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2)) : Double.NaN;
    }

    /** Seconds, with the tempo's seconds per beat for a time in beats. */
    public double inSeconds(double secondsPerBeat) { return beats ? amount * secondsPerBeat : amount; }

    /** As it is written back: {@code 8b} for beats; seconds as a plain number. */
    public String text() {
        String number = new BigDecimal(Double.toString(amount)).stripTrailingZeros().toPlainString();
        return beats ? number + "b" : number;
    }

    private static String shorten(String t) { return t.length() > 40 ? t.substring(0, 40) + "..." : t; }
}
