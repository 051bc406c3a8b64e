package org.netbend.cli;

import org.netbend.job.Echo;

/**
 * Text from the user as it may be echoed to a terminal: control characters (escape sequences, carriage returns,
 * bells) written as {@code \u001B} and so on, so that a prompt or spec cannot move the cursor or recolour the
 * terminal, and long values cut in the middle, so that a 40 kB spec does not flood the screen. The rules are
 * {@link Echo}'s, shared with the service; this class holds the CLI's limits.
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
        return Echo.escape(text);
    }

    static String cut(String text, int limit) {
        return Echo.cut(text, limit);
    }
}
