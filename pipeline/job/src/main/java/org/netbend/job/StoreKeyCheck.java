package org.netbend.job;

/** Keys that come from outside (a submission's audio or output) must stay inside the store's bucket and prefix. */
final class StoreKeyCheck {
    static final int MAX_KEY_LENGTH = 1024;

    private StoreKeyCheck() { }

    /** A relative key: no leading slash, no empty, "." or ".." segment, no backslash or control character. */
    static String relative(String field, String key) {
        boolean ok = key != null && !key.isEmpty() && key.length() <= MAX_KEY_LENGTH && !key.startsWith("/")
                && key.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\');
        if (ok) {
            for (String segment : key.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    ok = false;
                    break;
                }
            }
        }
        if (!ok) {
            throw new InvalidRequestException(field, "must be a key inside the store (no leading '/', no '.' or '..' "
                    + "segments, at most " + MAX_KEY_LENGTH + " characters), got '" + Echo.safe(key) + "'");
        }
        return key;
    }
}
