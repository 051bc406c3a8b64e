package org.netbend.cli;

/**
 * A problem with what the user asked for (not a bug): reported as one line, exit code 2. A detail (a bend with the
 * offending part marked under it) follows the line when there is one.
 */
final class UserError extends RuntimeException {
    private final String detail;

    UserError(String message) {
        this(message, null);
    }

    /** @param detail lines shown under the message as they are (already safe to print), or null */
    UserError(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    /** The lines under the message, or null. */
    String detail() { return detail; }
}
