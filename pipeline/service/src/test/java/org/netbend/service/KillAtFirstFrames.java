package org.netbend.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.netbend.job.JobEvent;

/**
 * kill -9 of one TaskManager as soon as the job has stored its first frames: watching the store rather than the
 * events (which reach the client a segment at a time) makes the kill land early in the job however fast the
 * machine renders.
 */
final class KillAtFirstFrames implements AutoCloseable {
    private final StandaloneCluster cluster;
    private final String victim;
    private final Path frames;
    private final Thread watcher;
    private volatile long killedAtNanos;
    private volatile int framesStoredAtKill = -1;
    private volatile boolean watching = true;
    private final List<JobEvent> afterKill = new CopyOnWriteArrayList<>();

    private KillAtFirstFrames(StandaloneCluster cluster, String victim, Path frames) {
        this.cluster = cluster;
        this.victim = victim;
        this.frames = frames;
        this.watcher = new Thread(this::watch, "kill-at-first-frames");
        watcher.setDaemon(true);
    }

    static KillAtFirstFrames watch(StandaloneCluster cluster, String victim, Path frames) {
        KillAtFirstFrames kill = new KillAtFirstFrames(cluster, victim, frames);
        kill.watcher.start();
        return kill;
    }

    private void watch() {
        try {
            while (watching) {
                int stored = count();
                if (stored > 0) {
                    cluster.kill(victim);
                    killedAtNanos = System.nanoTime();
                    framesStoredAtKill = stored;
                    return;
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int count() {
        if (!Files.isDirectory(frames)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(frames)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".png")).count();
        } catch (IOException e) {
            return 0; // the folder is being written; look again
        }
    }

    /** The job's listener: keeps the segments rendered (not found in the store) that are reported after the kill. */
    void record(JobEvent event) {
        if (killedAtNanos > 0 && event.kind() == JobEvent.Kind.SEGMENT && !event.resumed()) {
            afterKill.add(event);
        }
    }

    /** Segments that {@code taskManager} rendered and reported after the kill. */
    long renderedAfterKill(String taskManager) {
        return afterKill.stream().filter(e -> e.taskManager().equals(taskManager)).count();
    }

    long killedAtNanos() {
        return killedAtNanos;
    }

    int framesStoredAtKill() {
        return framesStoredAtKill;
    }

    @Override
    public void close() throws InterruptedException {
        watching = false;
        watcher.join(10_000);
    }
}
