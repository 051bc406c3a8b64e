package org.netbend.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A flat key/value store for a render farm's frames and results: a local folder or any S3 API server.
 *
 * <p>Keys are '/'-separated relative paths such as {@code jobs/abc/frames/000001.png}; see {@link StoreKeys}
 * for what a key may contain. Keys are deterministic and writes are idempotent: putting the same bytes under the
 * same key twice leaves the store as after the first put, so a retried task may simply write again.
 *
 * <p>Implementations are safe for concurrent use by several threads.
 */
public interface ObjectStore extends AutoCloseable {

    /** Stores {@code bytes} under {@code key}, replacing what was there. Atomic: readers never see half an object. */
    void put(String key, byte[] bytes) throws StoreException;

    /** Stores the content of a local file under {@code key}, with the same atomicity as {@link #put}. */
    void putFile(String key, Path file) throws StoreException;

    /** The object's bytes, or empty when no object has that key. */
    Optional<byte[]> get(String key) throws StoreException;

    boolean exists(String key) throws StoreException;

    /**
     * The object's first {@code bytes} bytes (fewer when it is shorter), or empty when no object has that key: to
     * look at a file's header without reading a track of hundreds of MB.
     */
    default Optional<byte[]> head(String key, int bytes) throws StoreException {
        return get(key).map(all -> java.util.Arrays.copyOf(all, Math.min(all.length, bytes)));
    }

    /**
     * Copies the object into a local file (parent folders are created; an existing file is replaced).
     *
     * @throws StoreException when the key does not exist, naming the key
     */
    void getFile(String key, Path target) throws StoreException;

    /**
     * Every key that starts with {@code prefix} (a plain string prefix, as in S3; {@code ""} lists everything),
     * sorted in ascending order.
     */
    List<String> list(String prefix) throws StoreException;

    /** Removes the object; removing a key that does not exist is not an error (idempotent). */
    void delete(String key) throws StoreException;

    /**
     * A URL that lets anyone holding it download the object until it expires, when the store can make one (S3);
     * empty otherwise (a local folder).
     */
    default Optional<String> presignedUrl(String key, java.time.Duration expiry) throws StoreException {
        return Optional.empty();
    }

    /** Where the store lives, for logs and messages, e.g. {@code s3://bucket/prefix at http://127.0.0.1:9000}. Never contains a secret. */
    String describe();

    @Override
    void close();
}
