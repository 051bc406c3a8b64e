package org.netbend.store;

import java.util.regex.Pattern;

/**
 * The rules for keys, the same for every store, so a key that works on a laptop also works on S3 and back.
 *
 * <p>A key is one or more segments joined by '/'. A segment holds letters, digits and {@code . _ - + = @ ,},
 * is not {@code .} or {@code ..}, and is not empty (no leading, trailing or doubled '/'). At most 512 characters.
 * The segment {@value #RESERVED} is reserved for a store's own bookkeeping.
 */
public final class StoreKeys {
    /** Name of the folder where {@link LocalStore} stages files before it renames them into place. */
    public static final String RESERVED = ".netbend-staging";
    public static final int MAX_LENGTH = 512;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._\\-+=@,]+");

    private StoreKeys() { }

    /** Returns {@code key} unchanged if it is valid; otherwise throws, saying what is wrong with it. */
    public static String requireValidKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a store key must not be empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("store key is " + key.length() + " characters long, the limit is "
                    + MAX_LENGTH + ": '" + key.substring(0, 40) + "...'");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("store key '" + key + "' must be relative: remove the leading '/'");
        }
        if (key.endsWith("/")) {
            throw new IllegalArgumentException("store key '" + key + "' must not end with '/' (keys name objects, not folders)");
        }
        for (String segment : key.split("/", -1)) {
            requireValidSegment(key, segment);
        }
        return key;
    }

    /** A listing prefix: empty, or a key-like string that may end with '/' (then it names a folder). */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("a list prefix must not be null (use \"\" to list everything)");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        requireValidKey(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }

    private static void requireValidSegment(String key, String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("store key '" + key + "' has an empty path segment ('//')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("store key '" + key + "' must not contain '" + segment
                    + "' segments: keys cannot climb out of the store");
        }
        if (segment.equals(RESERVED)) {
            throw new IllegalArgumentException("store key '" + key + "' uses the reserved name " + RESERVED);
        }
        if (!SEGMENT.matcher(segment).matches()) {
            throw new IllegalArgumentException("store key '" + printable(key) + "' contains a character outside"
                    + " letters, digits and . _ - + = @ , (segment '" + printable(segment) + "')");
        }
    }

    // Control characters in a message would garble logs; show them escaped.
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
