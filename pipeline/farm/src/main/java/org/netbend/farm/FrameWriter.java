package org.netbend.farm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.netbend.core.PngCodec;
import org.netbend.core.RgbImage;
import org.netbend.job.JobEvent;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * Encodes and stores a segment's frames on a thread of its own, so the model can start the next frame while the
 * last one is written. A frame's event is passed on only once the frame is in the store, and events keep their
 * frame order, so "frame done" still means "frame stored". At most {@code maxPending} frames wait.
 */
final class FrameWriter implements AutoCloseable {
    private record Pending(Future<?> stored, JobEvent event) { }

    private final ObjectStore store;
    private final JobKeys keys;
    private final int maxPending;
    private final ExecutorService thread;
    private final Deque<Pending> pending = new ArrayDeque<>();
    /** PNG and STORE nanoseconds, written by the writer thread, read after its tasks are done. */
    private final long[] clock = new long[JobEvent.Stage.values().length];

    FrameWriter(ObjectStore store, JobKeys keys, int maxPending, String name) {
        this.store = store;
        this.keys = keys;
        this.maxPending = maxPending;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stores {@code image} as frame {@code frame}; {@code event} follows once it is stored. */
    void write(int frame, RgbImage image, JobEvent event, Consumer<JobEvent> events) throws IOException {
        Future<?> stored = thread.submit(() -> {
            long start = System.nanoTime();
            byte[] png = PngCodec.encode(image);
            long encoded = System.nanoTime();
            try {
                store.put(keys.frame(frame), png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            clock[JobEvent.Stage.PNG.ordinal()] += encoded - start;
            clock[JobEvent.Stage.STORE.ordinal()] += System.nanoTime() - encoded;
        });
        pending.add(new Pending(stored, event));
        passOn(events, pending.size() > maxPending);
    }

    /** An event for a frame that needs no write (it was in the store), kept in order behind earlier writes. */
    void pass(JobEvent event, Consumer<JobEvent> events) throws IOException {
        pending.add(new Pending(CompletableFuture.completedFuture(null), event));
        passOn(events, false);
    }

    /** Waits for every write and passes on the remaining events; adds the writer's time into {@code total}. */
    void finish(Consumer<JobEvent> events, long[] total) throws IOException {
        while (!pending.isEmpty()) {
            passOn(events, true);
        }
        for (int i = 0; i < total.length; i++) {
            total[i] += clock[i];
        }
    }

    /** Passes on the events whose frames are stored, in order; waits for the oldest one when asked. */
    private void passOn(Consumer<JobEvent> events, boolean waitForOldest) throws IOException {
        boolean mustWait = waitForOldest;
        while (!pending.isEmpty() && (mustWait || pending.peekFirst().stored().isDone())) {
            Pending oldest = pending.pollFirst();
            awaitStored(oldest);
            events.accept(oldest.event());
            mustWait = false;
        }
    }

    private static void awaitStored(Pending pending) throws IOException {
        try {
            pending.stored().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while frame " + pending.event().frame() + " was stored");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("storing frame " + pending.event().frame() + " failed: " + cause, cause);
        }
    }

    /** Stops the writer; on the failure path, writes still queued are dropped (their frames are re-rendered on retry). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
