package org.netbend.cli;

/** A problem with what the user asked for (not a bug): reported as one line, exit code 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
