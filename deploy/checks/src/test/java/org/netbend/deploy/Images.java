package org.netbend.deploy;

import java.util.regex.Pattern;

/** Image references: pinned means a digest, or an exact version tag (not latest, not a bare major version). */
final class Images {
    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");
    private static final Pattern EXACT_TAG = Pattern.compile("v?\\d+\\.\\d+(\\.\\d+)?([-_.][A-Za-z0-9_.-]+)?");

    private Images() { }

    static boolean isPinned(String image) {
        if (DIGEST.matcher(image).matches()) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false; // no tag: latest
        }
        return EXACT_TAG.matcher(image.substring(colon + 1)).matches();
    }
}
