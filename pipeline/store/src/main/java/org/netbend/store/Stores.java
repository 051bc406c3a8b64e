package org.netbend.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Opens a store from the location a user types: a folder, a {@code file:} URI or {@code s3://bucket/prefix}. */
public final class Stores {
    private Stores() { }

    /**
     * @param location a folder path, {@code file:///abs/path}, or {@code s3://bucket/prefix}
     * @param env      where S3 settings come from (usually {@code System.getenv()}); see {@link S3Settings#fromUri};
     *                 {@value LocalStore#ENV_SYNC}=false turns off the flush to disk of a local folder's writes
     */
    public static ObjectStore open(String location, Map<String, String> env) throws StoreException {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("a store location is needed: a folder or s3://bucket/prefix");
        }
        String trimmed = location.trim();
        if (trimmed.startsWith("s3://")) {
            return S3Store.open(S3Settings.fromUri(trimmed, env));
        }
        boolean sync = !"false".equalsIgnoreCase(env.getOrDefault(LocalStore.ENV_SYNC, "true").trim());
        if (trimmed.startsWith("file:")) {
            return new LocalStore(Path.of(URI.create(trimmed)), sync);
        }
        int scheme = trimmed.indexOf("://");
        if (scheme > 0) {
            throw new IllegalArgumentException("unsupported store location '" + trimmed
                    + "': use a folder, file:///path or s3://bucket/prefix");
        }
        return new LocalStore(Path.of(trimmed), sync);
    }
}
