package org.netbend.job;

import java.util.regex.Pattern;

/** Job ids name folders in the store ({@code jobs/{id}/}), so only a safe alphabet is allowed. */
public final class JobIds {
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private JobIds() { }

    /** @throws InvalidRequestException unless {@code id} matches {@link #PATTERN} and is not "." or ".." */
    public static String check(String field, String id) {
        if (id == null || !PATTERN.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw new InvalidRequestException(field, "must match " + PATTERN.pattern() + ", got "
                    + (id == null ? "nothing" : "'" + Echo.safe(id) + "'"));
        }
        return id;
    }
}
