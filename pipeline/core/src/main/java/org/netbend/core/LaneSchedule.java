package org.netbend.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Deforum's keyframe schedule strings, {@code "0:(0), 4.5:(1.2), 9:(0)"}, as lane points. A time is seconds,
 * {@code m:ss(.s)} or beats ({@code 8b}); Deforum counts frames, netbend counts seconds so that a schedule does
 * not change meaning with the fps. A value is a plain number (Deforum's math expressions are not evaluated).
 */
public final class LaneSchedule {
    private static final Pattern ENTRY = Pattern.compile("(.+):\\((.*)\\)");
    private static final Pattern VALUE = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    /** Recognises a schedule inside other text (a bend): {@code TIME:(NUMBER)}. */
    private static final Pattern LOOKS_LIKE = Pattern.compile("\\d[\\d.:]*b?:\\(\\s*[-+]?[\\d.]");

    private LaneSchedule() { }

    /** @throws IllegalArgumentException naming the point, e.g. "point 2 ('4.5:(x)'): value 'x' is not a number" */
    public static List<LanePoint> parse(String schedule) {
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalArgumentException("is empty; write TIME:(VALUE), ..., e.g. \"0:(0), 4.5:(1.2), 9:(0)\"");
        }
        List<LanePoint> points = new ArrayList<>();
        String[] entries = schedule.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            String where = "point " + (i + 1) + " ('" + (entry.length() > 40 ? entry.substring(0, 40) + "..." : entry)
                    + "')";
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ": write TIME:(VALUE), e.g. 4.5:(1.2), 1:30:(0) or 8b:(1)");
            }
            String value = m.group(2).strip();
            if (!VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException(where + ": value '" + value + "' is not a number (expressions are"
                        + " not evaluated)");
            }
            LaneTime time;
            try {
                time = LaneTime.parse(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            points.add(new LanePoint(time, Double.parseDouble(value)));
        }
        return points;
    }

    /** True when the text holds something of the form {@code TIME:(NUMBER)}. */
    public static boolean looksLikeSchedule(String text) {
        return text != null && LOOKS_LIKE.matcher(text).find();
    }

    /** The points as a schedule string, which {@link #parse} reads back to equal points. */
    public static String format(List<LanePoint> points) {
        return points.stream().map(p -> p.time().text() + ":(" + plain(p.value()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
