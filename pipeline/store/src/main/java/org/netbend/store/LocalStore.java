package org.netbend.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.netbend.core.FreshFiles;

/**
 * A store in a local folder: key {@code a/b/c.png} is the file {@code ROOT/a/b/c.png}.
 *
 * <p>Writes go to a temporary file in {@code ROOT/}{@value StoreKeys#RESERVED}, are flushed to disk, and are then
 * renamed into place atomically, so a reader (or a resumed job after a crash) sees either the old object, the new
 * one or none, never a torn one. Nothing is created on disk until the first write.
 */
public final class LocalStore implements ObjectStore {
    /** Environment variable: "false" skips the flush to disk before each rename (see {@link #LocalStore(Path, boolean)}). */
    public static final String ENV_SYNC = "NETBEND_LOCAL_STORE_SYNC";

    /** Flushes in flight at once during {@link #sync}. */
    private static final int SYNC_THREADS = 8;
    /**
     * The flushing threads, shared by every store and sync of the JVM (no pool per call); they end after 30 s
     * idle, so nothing stays behind a finished job (nor its class loader on a cluster).
     */
    private static final ThreadPoolExecutor FLUSHERS = flushers();

    private final Path root;
    private final boolean syncWrites;
    /** Objects put without their flush, and their folders, flushed by the next {@link #sync}. */
    private final Set<Path> unsynced = ConcurrentHashMap.newKeySet();

    public LocalStore(Path root) {
        this(root, true);
    }

    /**
     * @param syncWrites flush each object to disk before renaming it into place. Without it a write is still
     *                   atomic for readers and survives a crash of the process, but a power cut may leave an
     *                   empty or partial object; the farm re-renders a frame it cannot read back. The flush costs
     *                   1-4 ms per object on a typical disk, which matters only for very cheap frames.
     */
    public LocalStore(Path root, boolean syncWrites) {
        if (root == null) {
            throw new IllegalArgumentException("the local store needs a folder");
        }
        this.root = root.toAbsolutePath().normalize();
        this.syncWrites = syncWrites;
        if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("store location " + this.root + " is a file, not a folder");
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, byte[] bytes) throws StoreException {
        write(key, bytes, syncWrites);
    }

    /** Written and renamed into place like {@link #put}, flushed to disk by the next {@link #sync}. */
    @Override
    public void putUnsynced(String key, byte[] bytes) throws StoreException {
        Path target = write(key, bytes, false);
        if (syncWrites) {
            unsynced.add(target);
            unsynced.add(target.getParent()); // the rename is an entry in the folder: flushed with it
        }
    }

    /**
     * Flushes the objects put unsynced, several at once (a file system commits concurrent flushes together, so
     * a segment's frames cost about one flush, not one each), then their folders.
     */
    @Override
    public void sync() throws StoreException {
        // One sync at a time: a sync that finds nothing left to flush returns only after the flushes another
        // one took over (of its own objects, maybe) are done. Objects are taken out of the set before they are
        // flushed: a put that lands meanwhile adds its file and folder again, and the next sync flushes them.
        synchronized (unsynced) {
            syncNow();
        }
    }

    private void syncNow() throws StoreException {
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (Path path : unsynced) {
            if (unsynced.remove(path)) {
                (Files.isDirectory(path) ? folders : files).add(path);
            }
        }
        if (files.isEmpty() && folders.isEmpty()) {
            return;
        }
        try {
            flushAll(files);
            for (Path folder : folders) { // after the files: a folder's entries point at flushed data
                force(folder);
            }
        } catch (StoreException e) {
            unsynced.addAll(files); // still to be flushed by a later sync
            unsynced.addAll(folders);
            throw e;
        }
    }

    private void flushAll(List<Path> files) throws StoreException {
        List<Future<?>> flushed = new ArrayList<>();
        try {
            for (Path file : files) {
                flushed.add(FLUSHERS.submit(() -> {
                    force(file);
                    return null;
                }));
            }
            for (Future<?> f : flushed) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(describe() + ": sync was interrupted", null);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException s ? s
                    : new StoreException(describe() + ": sync failed: " + e.getCause(), e.getCause());
        } finally {
            flushed.forEach(f -> f.cancel(false)); // after a failure: the rest need not run
        }
    }

    private static ThreadPoolExecutor flushers() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(SYNC_THREADS, SYNC_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "netbend-store-sync-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private void force(Path path) throws StoreException {
        // a folder opens read-only and forces like a file on Linux and macOS
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (NoSuchFileException gone) {
            // deleted (or replaced and its folder removed) since: nothing of it to keep
        } catch (IOException e) {
            throw failure("sync", keyOf(path).isEmpty() ? "." : keyOf(path), e);
        }
    }

    private Path write(String key, byte[] bytes, boolean flush) throws StoreException {
        if (bytes == null) {
            throw new IllegalArgumentException("cannot put null bytes under '" + key + "'");
        }
        Path target = pathOf(key);
        Path temp = null;
        try {
            temp = stagingFile();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (flush) {
                    channel.force(true); // the rename must not reach the disk before the data does
                }
            }
            moveIntoPlace(temp, target, key);
            return target;
        } catch (IOException e) {
            throw failure("put", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void putFile(String key, Path file) throws StoreException {
        Path target = pathOf(key);
        if (!Files.isRegularFile(file)) {
            throw StoreException.of(this, "put", key, "source file " + file + " does not exist or is not a file", null);
        }
        Path temp = null;
        try {
            temp = stagingFile();
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            if (syncWrites) {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
            moveIntoPlace(temp, target, key);
        } catch (IOException e) {
            throw failure("put", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<byte[]> get(String key) throws StoreException {
        Path path = pathOf(key);
        if (Files.isDirectory(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("get", key, e);
        }
    }

    @Override
    public Optional<byte[]> head(String key, int bytes) throws StoreException {
        Path path = pathOf(key);
        if (Files.isDirectory(path)) {
            return Optional.empty();
        }
        try (java.io.InputStream in = Files.newInputStream(path)) {
            return Optional.of(in.readNBytes(bytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("get", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws StoreException {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public void getFile(String key, Path target) throws StoreException {
        Path source = pathOf(key);
        if (!Files.isRegularFile(source)) {
            throw StoreException.of(this, "get", key, "no such object", null);
        }
        Path temp = null;
        try {
            Path folder = target.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            temp = FreshFiles.create(folder, ".download-", ".tmp");
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw StoreException.of(this, "get", key, "no such object (deleted while copying)", e);
        } catch (IOException e) {
            throw StoreException.of(this, "get", key, "cannot copy to " + target + ": "
                    + DiskFailures.reason(e, root.resolve(StoreKeys.RESERVED)), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public List<String> list(String prefix) throws StoreException {
        StoreKeys.requireValidPrefix(prefix);
        // Walk only the deepest folder the prefix names, not the whole store.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        Path staging = root.resolve(StoreKeys.RESERVED);
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(p -> !p.startsWith(staging))
                    .filter(Files::isRegularFile)
                    .map(this::keyOf)
                    .filter(k -> k.startsWith(prefix))
                    .forEach(keys::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StoreException(describe() + ": list '" + prefix + "' failed: " + e, e);
        }
        Collections.sort(keys);
        return keys;
    }

    @Override
    public void delete(String key) throws StoreException {
        Path path = pathOf(key);
        try {
            if (!Files.isDirectory(path)) {
                Files.deleteIfExists(path);
            }
        } catch (DirectoryNotEmptyException e) {
            // raced with a writer turning the key into a folder; there is no object to delete
        } catch (IOException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public String describe() {
        return "local store " + root;
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }

    @Override
    public String toString() {
        return describe();
    }

    private Path pathOf(String key) {
        StoreKeys.requireValidKey(key);
        return root.resolve(key);
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** A new, empty file with a unique name; created like any other file (umask applies), not owner-only. */
    private Path stagingFile() throws IOException {
        Path staging = Files.createDirectories(root.resolve(StoreKeys.RESERVED));
        return FreshFiles.create(staging, "put-", ".tmp");
    }

    private void moveIntoPlace(Path temp, Path target, String key) throws IOException {
        if (Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "the key is a folder holding other keys (a local store cannot hold both 'k' and 'k/...')");
        }
        Files.createDirectories(target.getParent());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The store's message: its folder and the key, and what the disk said, never a staging file's path. */
    private StoreException failure(String operation, String key, IOException e) {
        return StoreException.of(this, operation, key, DiskFailures.reason(e, root.resolve(StoreKeys.RESERVED)), e);
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover in the staging folder is harmless: it is never listed
            }
        }
    }
}
