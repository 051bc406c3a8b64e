package org.netbend.cli;

/**
 * Text from the user as it may be echoed to a terminal: control characters (escape sequences, carriage returns,
 * bells) written as {@code \u001B} and so on, so that a prompt or spec cannot move the cursor or recolour the
 * terminal, and long values cut in the middle, so that a 40 kB spec does not flood the screen.
 */
final class Shown {
    /** Longest user value quoted in a message. */
    static final int VALUE_LIMIT = 200;
    /** Longest message line: room for a quoted value and the list of valid names that follows it. */
    static final int LINE_LIMIT = 1500;

    private Shown() { }

    /** A user value for a message: escaped and cut to {@link #VALUE_LIMIT}. */
    static String value(String text) {
        return cut(escape(text), VALUE_LIMIT);
    }

    /** A whole message line: escaped and cut to {@link #LINE_LIMIT}. */
    static String line(String text) {
        return cut(escape(text), LINE_LIMIT);
    }

    static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int keep = (limit - 30) / 2;
        return text.substring(0, keep) + " ... (" + (text.length() - 2 * keep) + " characters cut) ... "
                + text.substring(text.length() - keep);
    }
}
