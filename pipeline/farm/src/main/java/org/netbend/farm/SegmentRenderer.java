package org.netbend.farm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.netbend.assemble.ChunkEncoder;
import org.netbend.core.LatentBender;
import org.netbend.core.PngCodec;
import org.netbend.core.RgbImage;
import org.netbend.job.CompiledJob;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.render.FrameRequest;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RENDER stage for one segment, without Flink around it. Every frame goes to the store as soon as it
 * exists and into the segment's video chunk, both done by a {@link FrameWriter} on a shared pool while the model
 * renders the next one (its event follows the write); frames already there are read back instead of rendered
 * (resume). The segment holds at most one batch of images plus a few waiting frames. Its frames are made
 * durable with one store sync before its chunk is stored, so a stored chunk means a durable segment; that end
 * of the segment may run on another thread while the caller renders the next segment.
 */
public final class SegmentRenderer {
    /** Frames that may wait for their write while the model renders on: enough to hide a slow store put. */
    private static final int MAX_PENDING_WRITES = 4;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRenderer.class);
    private final FrameGenerator model;
    private final ObjectStore store;
    private final RunOptions options;
    private final Path workDir;
    private BooleanSupplier cancelled = CancelWatch.NEVER;

    public SegmentRenderer(FrameGenerator model, ObjectStore store, RunOptions options, Path workDir) {
        this.model = model;
        this.store = store;
        this.options = options;
        this.workDir = workDir;
    }

    /**
     * @param job the segment's job, decoded once per job by the caller (RENDER keeps one per job beside its model)
     */
    public void render(Segment segment, CompiledJob job, Consumer<JobEvent> events) throws IOException {
        render(segment, job, CancelWatch.NEVER, events);
    }

    /** A segment that stopped because its job was cancelled; the frames stored so far stay. */
    public static final class Cancelled extends RuntimeException {
        Cancelled(Segment segment) {
            super("job " + segment.jobId() + " was cancelled during segment " + segment.index(), null, false, false);
        }
    }

    /**
     * @param cancelled asked between frames; when it says yes the segment stops with {@link Cancelled}
     */
    public void render(Segment segment, CompiledJob job, BooleanSupplier cancelled, Consumer<JobEvent> events)
            throws IOException {
        try {
            render(segment, job, cancelled, events, Runnable::run).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Renders the segment's frames on the calling thread and hands the segment's end to {@code ends}: waiting
     * for its last writes, the store sync, closing and storing its chunk, its SEGMENT event. The caller can
     * render the next segment meanwhile (the sync and the chunk's put are disk and network waits that would
     * otherwise leave the model idle). The future completes when the segment is stored, with an
     * {@link UncheckedIOException} for a failed store.
     */
    public CompletableFuture<Void> render(Segment segment, CompiledJob job, BooleanSupplier cancelled,
            Consumer<JobEvent> events, Executor ends) throws IOException {
        this.cancelled = cancelled;
        JobRequest request = job.request();
        String chunkKey = ChunkSettings.key(request, segment.index());
        // With --frames none the chunk is the segment's only record: a stored chunk is a finished segment.
        if (!options.force() && store.exists(chunkKey) && (!options.keepFrames() || allFramesStored(segment, keys(segment)))) {
            for (int f = segment.firstFrame(); f < segment.endFrame(); f++) {
                events.accept(segment.frameEvent(f, true));
            }
            events.accept(segment.segmentEvent(true, new long[JobEvent.Stage.values().length]));
            return CompletableFuture.completedFuture(null);
        }
        JobKeys keys = keys(segment);
        FramePlanner frames = new FramePlanner(job, model.defaultWidth(), model.defaultHeight(), segment.fullFrames());
        long[] clock = new long[JobEvent.Stage.values().length];
        model.drainTimings(new long[clock.length]);
        Path chunk = Files.createTempFile(Files.createDirectories(workDir), "chunk-" + segment.index() + "-", ".mp4");
        ChunkEncoder encoder = null;
        FrameWriter writer = null;
        try {
            encoder = new ChunkEncoder(chunk, frames.width(), frames.height(), ChunkSettings.of(request));
            writer = new FrameWriter(store, keys, encoder, MAX_PENDING_WRITES, FramePool.shared(),
                    options.keepFrames());
            if (request.isImg2img()) {
                renderChain(segment, keys, frames, clock, encoder, writer, events);
            } else {
                renderIndependent(segment, keys, frames, clock, encoder, writer, events);
            }
        } catch (IOException | RuntimeException | Error e) {
            abandon(writer, encoder, chunk);
            throw e;
        }
        model.drainTimings(clock); // here: the model is touched by the render thread only
        FrameWriter written = writer;
        ChunkEncoder encoded = encoder;
        return CompletableFuture.runAsync(() -> {
            try {
                end(segment, written, encoded, chunk, chunkKey, clock, events);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, ends);
    }

    /** The segment's end: its frames durable, then its chunk stored, then its SEGMENT event. */
    private void end(Segment segment, FrameWriter writer, ChunkEncoder encoder, Path chunk, String chunkKey,
            long[] clock, Consumer<JobEvent> events) throws IOException {
        try {
            try (encoder; writer) {
                writer.finish(events, clock);
            }
            long start = System.nanoTime();
            store.putFile(chunkKey, chunk);
            clock[JobEvent.Stage.STORE.ordinal()] += System.nanoTime() - start;
        } finally {
            Files.deleteIfExists(chunk);
        }
        events.accept(segment.segmentEvent(false, clock));
    }

    /** A segment that failed or stopped: its queued writes are skipped, its chunk is not kept. */
    private static void abandon(FrameWriter writer, ChunkEncoder encoder, Path chunk) {
        if (writer != null) {
            writer.close();
        }
        if (encoder != null) {
            encoder.abort();
        }
        try {
            Files.deleteIfExists(chunk);
        } catch (IOException ignored) {
            // a stray file in the run's work folder, removed with the folder
        }
    }

    private static JobKeys keys(Segment segment) {
        return new JobKeys(segment.jobId());
    }

    private boolean allFramesStored(Segment segment, JobKeys keys) throws IOException {
        for (int f = segment.firstFrame(); f < segment.endFrame(); f++) {
            if (!store.exists(keys.frame(f))) {
                return false;
            }
        }
        return true;
    }

    /** txt2img: frames are independent, so missing ones are rendered in batches. */
    private void renderIndependent(Segment segment, JobKeys keys, FramePlanner frames, long[] clock,
            ChunkEncoder encoder, FrameWriter writer, Consumer<JobEvent> events) throws IOException {
        for (int first = segment.firstFrame(); first < segment.endFrame(); first += options.batchSize()) {
            stopIfInterrupted(segment);
            int end = Math.min(segment.endFrame(), first + options.batchSize());
            RgbImage[] images = new RgbImage[end - first];
            List<Integer> missing = new ArrayList<>();
            for (int f = first; f < end; f++) {
                Optional<RgbImage> stored = storedFrame(keys, f, clock);
                if (stored.isPresent()) {
                    images[f - first] = stored.get();
                } else {
                    missing.add(f);
                }
            }
            if (!missing.isEmpty()) {
                List<FrameRequest> requests = new ArrayList<>(missing.size());
                for (int f : missing) {
                    requests.add(frames.txt2img(f, bender(segment, frames, f), segment.paramsOf(f)));
                }
                List<RgbImage> rendered = model.generate(requests);
                for (int i = 0; i < missing.size(); i++) {
                    images[missing.get(i) - first] = rendered.get(i);
                }
            }
            for (int f = first; f < end; f++) {
                if (missing.contains(f)) {
                    writer.write(f, images[f - first], segment.frameEvent(f, false), events);
                } else {
                    writer.pass(images[f - first], segment.frameEvent(f, true), events);
                }
            }
        }
    }

    /**
     * img2img: each frame starts from the previous one. A segment that does not start the job first re-runs
     * {@code chainOverlap} frames before it (not stored), so its first frame continues a chain instead of
     * cutting to a fresh txt2img image; the result depends on the request only, not on who renders what.
     */
    private void renderChain(Segment segment, JobKeys keys, FramePlanner frames, long[] clock,
            ChunkEncoder encoder, FrameWriter writer, Consumer<JobEvent> events) throws IOException {
        int first = segment.firstFrame();
        RgbImage previous = null;
        // A resumed segment whose first frame is stored continues from its stored frames: no warm-up needed.
        boolean resuming = !options.force() && store.exists(keys.frame(first));
        for (int f = segment.renderFrom(); f < first && !resuming; f++) {
            previous = renderChainFrame(segment, frames, f, previous, clock);
        }
        for (int f = first; f < segment.endFrame(); f++) {
            stopIfInterrupted(segment);
            Optional<RgbImage> stored = storedFrame(keys, f, clock);
            RgbImage image;
            if (stored.isPresent()) {
                image = stored.get();
                writer.pass(image, segment.frameEvent(f, true), events);
            } else {
                image = renderChainFrame(segment, frames, f, previous, clock);
                writer.write(f, image, segment.frameEvent(f, false), events);
            }
            previous = image;
        }
    }

    /** A slot that is being closed, or a job that is cancelled, stops between frames; what is stored stays valid. */
    private void stopIfInterrupted(Segment segment) throws InterruptedIOException {
        if (cancelled.getAsBoolean()) {
            throw new Cancelled(segment);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("rendering of segment " + segment.index() + " of job " + segment.jobId()
                    + " was interrupted");
        }
    }

    private RgbImage renderChainFrame(Segment segment, FramePlanner frames, int f, RgbImage previous,
            long[] clock) {
        LatentBender bender = bender(segment, frames, f);
        double[][] params = segment.paramsOf(f);
        FrameRequest request = previous == null ? frames.txt2img(f, bender, params)
                : frames.img2img(f, bender, previous, params);
        return model.generate(List.of(request)).get(0);
    }

    private LatentBender bender(Segment segment, FramePlanner frames, int frame) {
        return frames.program().forFrame(frames.request().seed(), frames.request().sourceFrame(frame),
                segment.paramsOf(frame));
    }

    private Optional<RgbImage> storedFrame(JobKeys keys, int frame, long[] clock) throws IOException {
        if (options.force()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        Optional<byte[]> png = store.get(keys.frame(frame));
        clock[JobEvent.Stage.STORE.ordinal()] += System.nanoTime() - start;
        if (png.isEmpty()) {
            return Optional.empty();
        }
        start = System.nanoTime();
        RgbImage image;
        try {
            image = PngCodec.decode(png.get());
        } catch (RuntimeException unreadable) {
            // A write cut short by a power loss (unsynced local store) leaves a partial file: render it again.
            LOG.warn("stored frame {} of job {} is unreadable ({}); rendering it again", frame, keys.jobId(),
                    unreadable.getMessage());
            return Optional.empty();
        }
        clock[JobEvent.Stage.PNG.ordinal()] += System.nanoTime() - start;
        return Optional.of(image);
    }
}
