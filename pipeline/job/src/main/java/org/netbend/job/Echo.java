package org.netbend.job;

/** Text from a user, made safe to print in one line of an error: control characters escaped, long text cut. */
public final class Echo {
    /** Longest echo of a user's value; a 40 kB spec is never printed whole. */
    public static final int MAX_CHARS = 200;

    private Echo() { }

    public static String safe(String text) {
        return safe(text, MAX_CHARS);
    }

    /** The same, cut at {@code max} characters. */
    public static String safe(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= max && text.length() > max) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
