package org.netbend.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The scratch folder of one run of netbend ({@code $NETBEND_CACHE/tmp/run-<pid>...}): every temporary file of
 * the run goes there (the stages' work files, Flink's io.tmp.dirs, ONNX Runtime's and Flink's extracted jars), so
 * two runs never share one, and it is removed when the run ends, also on SIGINT and SIGTERM (a shutdown hook).
 *
 * <p>A run killed with SIGKILL cannot clean up. Its folder holds a lock file that the live run keeps locked
 * ({@link FileLock}, released by the operating system when the process dies) and that names its pid; the next
 * run removes every {@code run-*} folder whose lock it can take, or, without a lock file, whose pid is gone.
 */
public final class RunFolder implements AutoCloseable {
    /** System property naming the run's folder; the launcher sets it (with java.io.tmpdir) to {@code run-<pid>}. */
    public static final String PROPERTY = "netbend.run.dir";
    static final String PREFIX = "run-";
    static final String LOCK = "owner.lock";
    /** Left in the cache's temp folder by versions before run folders; removed once this old. */
    static final Duration LEGACY_AGE = Duration.ofHours(24);
    private static final String[] LEGACY = {"netbend-work", "flink-rpc-", "minicluster_", "onnxruntime-java",
        "flink-dist-cache-", "flink-netty-shuffle-", "flink-io-", "blobStore-", "localState", "tm_"};

    private static final int CLEANUP_PASSES = 15;
    private static final long CLEANUP_PAUSE_MS = 200;

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final Thread hook;

    private RunFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.hook = new Thread(this::remove, "netbend-run-folder-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Takes this run's folder: the one the launcher made when {@value #PROPERTY} is set, else a new
     * {@code run-<pid>-<random>} in {@code parent} (and then points {@value #PROPERTY} and java.io.tmpdir at it).
     * Folders of runs that died are removed first.
     */
    public static RunFolder claim(Path parent) throws IOException {
        String given = System.getProperty(PROPERTY);
        Path dir;
        if (given != null && !given.isBlank()) {
            dir = Files.createDirectories(Path.of(given).toAbsolutePath());
            parent = dir.getParent();
        } else {
            Files.createDirectories(parent);
            dir = Files.createDirectory(parent.toAbsolutePath()
                    .resolve(PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID()));
            System.setProperty(PROPERTY, dir.toString());
            // Effective for everything that has not made a temporary file yet (ONNX Runtime, Flink's rpc jar).
            System.setProperty("java.io.tmpdir", dir.toString());
        }
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        ProcessHandle self = ProcessHandle.current();
        channel.write(ByteBuffer.wrap(("pid " + self.pid() + "\nstarted " + self.info().startInstant()
                .map(Instant::toString).orElse("?") + "\n").getBytes(StandardCharsets.UTF_8)));
        RunFolder folder = new RunFolder(dir, channel, lock);
        removeDeadRuns(parent, dir);
        return folder;
    }

    public Path path() {
        return dir;
    }

    /** The current run's folder: {@value #PROPERTY}, else java.io.tmpdir (a task manager on a cluster). */
    public static Path current() {
        String given = System.getProperty(PROPERTY);
        return Path.of(given != null && !given.isBlank() ? given : System.getProperty("java.io.tmpdir"));
    }

    /**
     * Removes the {@code run-*} folders in {@code parent} that no live process holds (never {@code keep}), and
     * leftovers of older versions that are more than a day old.
     *
     * @return how many folders were removed
     */
    public static int removeDeadRuns(Path parent, Path keep) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (entry.equals(keep)) {
                    continue;
                }
                if (name.startsWith(PREFIX) && Files.isDirectory(entry) && !isHeld(entry)) {
                    deleteTree(entry);
                    removed++;
                } else if (isLegacy(name) && olderThan(entry, LEGACY_AGE)) {
                    deleteTree(entry);
                    removed++;
                }
            }
        } catch (IOException e) {
            // scratch space only: leftovers are retried at the next start
        }
        return removed;
    }

    /** True while a live process holds the folder's lock (or, before it has one, while its pid lives). */
    static boolean isHeld(Path folder) {
        Path lockFile = folder.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return pidOf(folder.getFileName().toString()).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive)
                    .orElse(false);
        }
        try (FileChannel other = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock taken = other.tryLock();
            if (taken == null) {
                return true; // another process holds it
            }
            taken.release();
            return false;
        } catch (OverlappingFileLockException sameProcess) {
            return true;
        } catch (IOException unreadable) {
            return true; // when in doubt, leave it
        }
    }

    static Optional<Long> pidOf(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return Optional.of(Long.parseLong(dash < 0 ? rest : rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isLegacy(String name) {
        for (String prefix : LEGACY) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean olderThan(Path entry, Duration age) {
        try {
            return Files.getLastModifiedTime(entry).toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes the folder (at exit, or from the shutdown hook); the lock goes last, so no other run races it. On
     * SIGINT or SIGTERM the render's threads and Flink's own hooks still write for a moment, so the folder is
     * emptied again until it stays empty (for at most {@link #CLEANUP_PASSES} passes).
     */
    private synchronized void remove() {
        if (!channel.isOpen()) {
            return;
        }
        for (int pass = 0; pass < CLEANUP_PASSES && !emptiedAllButLock(); pass++) {
            try {
                Thread.sleep(CLEANUP_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            Files.deleteIfExists(dir.resolve(LOCK));
            lock.release();
            channel.close();
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // the next run removes what is left
        }
    }

    /** Deletes everything but the lock file; true when nothing else is left. */
    private boolean emptiedAllButLock() {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir) && !p.getFileName().toString().equals(LOCK))
                    .sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a file vanished while walking: look again
        }
        try (Stream<Path> left = Files.list(dir)) {
            return left.allMatch(p -> p.getFileName().toString().equals(LOCK));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it finds the folder gone
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // retried at the next start
        }
    }
}
