package org.netbend.job;

/**
 * Text from a user as it may be echoed in a message or on a terminal: control and format characters (escape
 * sequences, carriage returns, bells, bidi overrides) written as {@code \u001B} and so on, so that a prompt or spec
 * cannot move the cursor or recolour the terminal, and long values cut in the middle, so that a 40 kB spec does not
 * flood the screen. The CLI and the service's REJECTED answers both echo through here.
 */
public final class Echo {
    /** Longest user value quoted in a message. */
    public static final int MAX_CHARS = 200;

    private Echo() { }

    /** A user value for a message: escaped and cut to {@link #MAX_CHARS}. */
    public static String safe(String text) {
        return safe(text, MAX_CHARS);
    }

    /** The same, cut at {@code max} characters. */
    public static String safe(String text, int max) {
        return cut(escape(text), max);
    }

    public static String escape(String text) {
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

    /** Cut in the middle, saying how much went, so both ends of a long value stay readable. */
    public static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int keep = Math.max(0, (limit - 30) / 2);
        return text.substring(0, keep) + " ... (" + (text.length() - 2 * keep) + " characters cut) ... "
                + text.substring(text.length() - keep);
    }
}
