package org.netbend.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for object keys, shared by the stores (local folder and S3) and by the request decoder, so a key
 * the decoder accepts is never refused by a store later, and a key that works on a laptop also works on S3.
 *
 * <p>A key is one or more segments joined by '/'. A segment holds ASCII letters, digits and
 * {@code . _ - + = @ ,}, is not {@code .} or {@code ..}, is not empty (no leading, trailing or doubled '/'), and is
 * not {@value #RESERVED}. At most {@value #MAX_LENGTH} characters. ASCII only: non-ASCII letters have several
 * encodings (NFC and NFD look alike but are other keys) and S3 servers and file systems treat them differently;
 * spaces and '%' would be escaped differently by every client, so {@code %2e%2e} never reaches a store as "..".
 */
public final class StoreKeyRule {
    /** The folder where the local store stages files before it renames them into place. */
    public static final String RESERVED = ".netbend-staging";
    public static final int MAX_LENGTH = 512;
    /** What a segment may hold, as a message shows it. */
    public static final String ALPHABET = "ASCII letters, digits and . _ - + = @ ,";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._\\-+=@,]+");

    private StoreKeyRule() { }

    /** What is wrong with {@code key}, said after the key ("... must be relative"), or empty when it is valid. */
    public static Optional<String> problem(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("is empty");
        }
        if (key.length() > MAX_LENGTH) {
            return Optional.of("is " + key.length() + " characters long, the limit is " + MAX_LENGTH);
        }
        if (key.startsWith("/")) {
            return Optional.of("must be relative: remove the leading '/'");
        }
        if (key.endsWith("/")) {
            return Optional.of("must not end with '/' (keys name objects, not folders)");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("has an empty path segment ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("must not contain '" + segment + "' segments: keys cannot climb out of the store");
            }
            if (segment.equals(RESERVED)) {
                return Optional.of("uses the reserved name " + RESERVED);
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.of("contains a character outside " + ALPHABET + " (segment '" + printable(segment, 40)
                        + "')");
            }
        }
        return Optional.empty();
    }

    public static boolean isValid(String key) {
        return problem(key).isEmpty();
    }

    /**
     * The key as a message may quote it: control, format and non-ASCII characters escaped ({@code \u0000}), so a
     * NUL or a bidirectional override never garbles a log line or a terminal, and cut after {@code max} characters.
     */
    public static String printable(String key, int max) {
        if (key == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.length() && i < max; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return key.length() > max ? b + "..." : b.toString();
    }
}
