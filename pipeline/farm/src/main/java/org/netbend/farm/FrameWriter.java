package org.netbend.farm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.netbend.assemble.ChunkEncoder;
import org.netbend.core.PngCodec;
import org.netbend.core.RgbImage;
import org.netbend.job.JobEvent;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * Takes a segment's frames off the render thread: each frame's PNG encode and store put run on a shared pool
 * ({@link FramePool}), and the frames go into the segment's H.264 chunk in frame order, one after the other on
 * the same pool, from the same pixels. A frame's event is passed on only once the frame is stored and in the
 * chunk, and events keep their frame order, so "frame done" still means "frame stored". At most
 * {@code maxPending} frames wait. Frames are put without a flush each ({@link ObjectStore#putUnsynced}); {@link
 * #finish} makes them durable with one {@link ObjectStore#sync} before the segment's chunk is stored.
 */
final class FrameWriter implements AutoCloseable {
    private record Pending(CompletableFuture<Void> done, JobEvent event) { }

    private final ObjectStore store;
    private final JobKeys keys;
    private final ChunkEncoder chunk;
    private final int maxPending;
    private final Executor pool;
    private final boolean keepFrames;
    private final Deque<Pending> pending = new ArrayDeque<>();
    /** The last frame handed to the chunk: the next one is added after it. */
    private CompletableFuture<Void> chunkTail = CompletableFuture.completedFuture(null);
    /** Nanoseconds per {@link JobEvent.Stage}, added by the pool's threads. */
    private final AtomicLongArray clock = new AtomicLongArray(JobEvent.Stage.values().length);
    /** Set when the segment ends or fails: work still queued is skipped, so nothing touches a closed chunk. */
    private volatile boolean closed;

    /**
     * @param chunk      the segment's chunk, which every frame (stored or new) goes into; null for none
     * @param keepFrames store each new frame as PNG; false ({@code --frames none}): frames only go into the chunk
     */
    FrameWriter(ObjectStore store, JobKeys keys, ChunkEncoder chunk, int maxPending, Executor pool,
            boolean keepFrames) {
        this.store = store;
        this.keys = keys;
        this.chunk = chunk;
        this.maxPending = maxPending;
        this.pool = pool;
        this.keepFrames = keepFrames;
    }

    /** Stores {@code image} as frame {@code frame} and adds it to the chunk; {@code event} follows once both are done. */
    void write(int frame, RgbImage image, JobEvent event, Consumer<JobEvent> events) throws IOException {
        if (!keepFrames) {
            enqueue(addToChunk(image), event, events);
            return;
        }
        CompletableFuture<Void> stored = CompletableFuture.runAsync(() -> {
            if (closed) {
                return;
            }
            long start = System.nanoTime();
            byte[] png = PngCodec.encode(image);
            long encoded = System.nanoTime();
            try {
                store.putUnsynced(keys.frame(frame), png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            clock.addAndGet(JobEvent.Stage.PNG.ordinal(), encoded - start);
            clock.addAndGet(JobEvent.Stage.STORE.ordinal(), System.nanoTime() - encoded);
        }, pool);
        enqueue(CompletableFuture.allOf(stored, addToChunk(image)), event, events);
    }

    /** A frame that was already stored: it only goes into the chunk, and its event keeps its place in order. */
    void pass(RgbImage image, JobEvent event, Consumer<JobEvent> events) throws IOException {
        enqueue(addToChunk(image), event, events);
    }

    private CompletableFuture<Void> addToChunk(RgbImage image) {
        if (chunk == null) {
            return CompletableFuture.completedFuture(null);
        }
        chunkTail = chunkTail.thenRunAsync(() -> {
            if (closed) {
                return;
            }
            long start = System.nanoTime();
            try {
                chunk.add(image);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            clock.addAndGet(JobEvent.Stage.CHUNK_ENCODE.ordinal(), System.nanoTime() - start);
        }, pool);
        return chunkTail;
    }

    private void enqueue(CompletableFuture<Void> done, JobEvent event, Consumer<JobEvent> events) throws IOException {
        pending.add(new Pending(done, event));
        passOn(events, pending.size() > maxPending);
    }

    /**
     * Waits for every frame, passes on the remaining events, makes the frames durable; adds the time spent on
     * the pool into {@code total}.
     */
    void finish(Consumer<JobEvent> events, long[] total) throws IOException {
        while (!pending.isEmpty()) {
            passOn(events, true);
        }
        long start = System.nanoTime();
        store.sync();
        clock.addAndGet(JobEvent.Stage.STORE.ordinal(), System.nanoTime() - start);
        for (int i = 0; i < total.length; i++) {
            total[i] += clock.get(i);
        }
    }

    /** Passes on the events whose frames are done, in order; waits for the oldest one when asked. */
    private void passOn(Consumer<JobEvent> events, boolean waitForOldest) throws IOException {
        boolean mustWait = waitForOldest;
        while (!pending.isEmpty() && (mustWait || pending.peekFirst().done().isDone())) {
            Pending oldest = pending.pollFirst();
            await(oldest);
            events.accept(oldest.event());
            mustWait = false;
        }
    }

    private static void await(Pending pending) throws IOException {
        try {
            pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while frame " + pending.event().frame() + " was stored");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("storing or encoding frame " + pending.event().frame() + " failed: " + cause, cause);
        }
    }

    /**
     * Stops the segment's work: queued frames are skipped (on the failure path their frames are rendered again
     * on retry), and this returns only when no task of this segment still runs, so the chunk can be closed.
     */
    @Override
    public void close() {
        closed = true;
        for (Pending p : pending) {
            try {
                p.done().join();
            } catch (RuntimeException ignored) {
                // the failure was reported (or the segment is being abandoned); only the wait matters here
            }
        }
        try {
            chunkTail.join();
        } catch (RuntimeException ignored) {
            // as above
        }
        pending.clear();
    }
}
