package org.netbend.store;

import org.netbend.core.StoreKeyRule;

/**
 * The rules for keys, the same for every store, so a key that works on a laptop also works on S3 and back. The
 * rule itself is {@link StoreKeyRule}, which the request decoder applies too: a key a request may name is a key
 * every store takes.
 */
public final class StoreKeys {
    /** Name of the folder where {@link LocalStore} stages files before it renames them into place. */
    public static final String RESERVED = StoreKeyRule.RESERVED;
    public static final int MAX_LENGTH = StoreKeyRule.MAX_LENGTH;

    private StoreKeys() { }

    /** Returns {@code key} unchanged if it is valid; otherwise throws, saying what is wrong with it. */
    public static String requireValidKey(String key) {
        StoreKeyRule.problem(key).ifPresent(problem -> {
            throw new IllegalArgumentException("store key '" + StoreKeyRule.printable(key, 60) + "' " + problem);
        });
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
}
