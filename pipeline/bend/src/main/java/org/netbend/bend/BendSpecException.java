package org.netbend.bend;

/**
 * A bend spec (shorthand, YAML entry, value list) that cannot be read. The message names the bad token and,
 * where there is a fixed vocabulary, lists the valid names, so it can be shown to the user as it is.
 */
public class BendSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BendSpecException(String message) {
        super(message);
    }

    public BendSpecException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same problem, with where it happened in front ("bends[2]: ..."). */
    BendSpecException within(String where) {
        return new BendSpecException(where + ": " + getMessage(), this);
    }
}
