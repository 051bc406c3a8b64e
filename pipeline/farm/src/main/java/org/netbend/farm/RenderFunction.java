package org.netbend.farm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.netbend.job.CompiledJob;
import org.netbend.job.JobEvent;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RENDER in the Flink job: one slot renders whole segments, one at a time, on its own render thread.
 *
 * <p>Why asynchronous: a segment takes minutes on a GPU. Rendered inside a plain flatMap it would hold the task's
 * mailbox, so a checkpoint barrier queued behind the segments could only pass when the slot had rendered all of
 * them. As an async function ({@code AsyncDataStream.unorderedWait}) the segments sit in the operator's queue,
 * barriers pass at once, and the queued and running segments are part of the checkpoint: a restore re-submits
 * them, and the store's frames make the re-submission cheap.
 *
 * <p>The model stays loaded between segments (it is only reopened when a job asks for a different one) and is
 * touched by the render thread only. The slot's GPU comes from Flink's GPU external resource when the cluster
 * declares one.
 */
public final class RenderFunction extends RichAsyncFunction<Segment, JobEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(RenderFunction.class);
    /** How long close() waits for a frame in progress before leaving the model open rather than free it under the thread. */
    private static final long CLOSE_WAIT_SECONDS = 60;
    /** Decoded jobs kept per slot: a slot interleaves segments of at most a few jobs at a time. */
    private static final int JOBS_KEPT = 32;

    /** A slot looks for a cancel of the job it renders at most this often (one store lookup). */
    private static final long CANCEL_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RunOptions options;
    private final GeneratorFactory generators;
    private final boolean service;
    private final SlotOrder order;
    private transient FairQueue<Pending> queue;
    private transient ObjectStore store;
    private transient ExecutorService renderThread;
    /** The slot's segment ends (sync, chunk put), one at a time beside the render thread; see {@link #segmentEnds}. */
    private transient ExecutorService endThread;
    private transient String loadedModel;
    private transient JobCache jobs;
    private transient FrameGenerator generator;
    private transient String device;
    private transient int slot;
    private transient String taskManager;
    private transient Counter framesRendered;
    private transient Counter framesResumed;
    private transient Counter segmentsDone;

    public RenderFunction(RunOptions options, GeneratorFactory generators) {
        this(options, generators, false);
    }

    /**
     * @param service true in the service: a segment that fails for a reason other than I/O ends its job with a
     *                FAILED event instead of failing the Flink job (one bad job must not stop the others; I/O
     *                failures still fail the Flink job, which restarts and resumes from the store), and a job can
     *                be cancelled, so the slot looks for its cancel marker. A local or cluster render cannot be
     *                cancelled and makes no such lookups.
     */
    public RenderFunction(RunOptions options, GeneratorFactory generators, boolean service) {
        this(options, generators, service, SlotOrder.FAIR);
    }

    public RenderFunction(RunOptions options, GeneratorFactory generators, boolean service, SlotOrder order) {
        this.options = options;
        this.generators = generators;
        this.service = service;
        this.order = order;
    }

    /** A segment waiting in the slot, with the future its events complete. */
    private record Pending(Segment segment, ResultFuture<JobEvent> result) { }

    @Override
    public void open(OpenContext context) throws Exception {
        store = options.openStore();
        jobs = new JobCache(JOBS_KEPT);
        queue = new FairQueue<>();
        slot = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        taskManager = taskManagerId(getRuntimeContext().getMetricGroup());
        device = resolveDevice(options.device(), getRuntimeContext().getExternalResourceInfos("gpu"));
        renderThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "netbend-render-slot-" + slot);
            thread.setDaemon(true);
            return thread;
        });
        endThread = segmentEnds(slot);
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("netbend");
        framesRendered = metrics.counter("framesRendered", new ThreadSafeSimpleCounter());
        framesResumed = metrics.counter("framesResumed", new ThreadSafeSimpleCounter());
        segmentsDone = metrics.counter("segmentsDone", new ThreadSafeSimpleCounter());
        metrics.meter("framesRenderedPerSecond", new MeterView(framesRendered));
    }

    /**
     * The TaskManager's resource id, from the metric scope variables (the one place the task API exposes it); on a
     * standalone cluster it is {@code taskmanager.resource-id}, so a SEGMENT event says which worker rendered it.
     */
    static String taskManagerId(MetricGroup metrics) {
        return metrics.getAllVariables().getOrDefault("<tm_id>", "");
    }

    /**
     * The device for this slot's model: "cuda" becomes "cuda:N" when Flink's GPU plugin tells the TaskManager
     * which GPU it has (the first one, as a GPU slot holds one); anything else is used as given.
     */
    static String resolveDevice(String requested, Set<ExternalResourceInfo> gpus) {
        if (!requested.equals("cuda") || gpus == null || gpus.isEmpty()) {
            return requested;
        }
        return gpus.iterator().next().getProperty("index").map(index -> "cuda:" + index.trim()).orElse("cuda");
    }

    /**
     * Queues the segment; the render thread takes the segments it holds fairly across jobs ({@link FairQueue}),
     * so a short job is never stuck behind an album. Each call adds one segment and one turn of the thread.
     */
    @Override
    public void asyncInvoke(Segment segment, ResultFuture<JobEvent> result) {
        synchronized (queue) {
            // FIFO is one lane for every job.
            queue.add(order == SlotOrder.FAIR ? segment.jobId() : "", segment.priority(), new Pending(segment, result));
        }
        renderThread.execute(this::renderNext);
    }

    /**
     * One thread that ends the slot's segments while the render thread renders the next one. It takes one end at
     * a time and queues none: when it is still busy with the previous segment's end, the render thread ends its
     * segment itself, so at most two segments are open per slot and a slow store slows the slot down instead of
     * piling up open chunks.
     */
    static ExecutorService segmentEnds(int slot) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "netbend-segment-end-slot-" + slot);
            thread.setDaemon(true);
            return thread;
        }, (task, busy) -> task.run()); // also once shut down: an end is never dropped
    }

    private void renderNext() {
        Pending next;
        synchronized (queue) {
            next = queue.poll().orElse(null);
        }
        if (next == null) {
            return;
        }
        try {
            List<JobEvent> events = new ArrayList<>(next.segment().frames() + 1);
            render(next.segment(), events).whenComplete((done, failure) -> {
                if (failure == null) {
                    next.result().complete(events);
                } else {
                    fail(next, failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                }
            });
        } catch (Throwable e) {
            fail(next, e);
        }
    }

    private void fail(Pending pending, Throwable e) {
        if (service && e instanceof RuntimeException && !(e instanceof UncheckedIOException)) {
            LOG.warn("slot {}: job {} failed in segment {}: {}", slot, pending.segment().jobId(),
                    pending.segment().index(), e.toString());
            pending.result().complete(List.of(JobEvent.failed(pending.segment().jobId(), "segment "
                    + pending.segment().index() + " failed: " + e.getMessage())));
        } else {
            pending.result().completeExceptionally(e);
        }
    }

    /** Renders the segment's frames now; the future completes once its end (sync, chunk) is done. */
    private CompletableFuture<Void> render(Segment segment, List<JobEvent> events) throws IOException {
        BooleanSupplier cancelled = cancelWatch(service, store, new JobKeys(segment.jobId()));
        if (cancelled.getAsBoolean()) {
            return CompletableFuture.completedFuture(null); // cancelled while it waited: ASSEMBLE has answered
        }
        CompiledJob job = jobs.of(segment);
        SegmentRenderer renderer = new SegmentRenderer(generator(job.request().model()), store, options,
                TempFiles.workDir());
        try {
            return renderer.render(segment, job, cancelled, event -> {
                if (event.kind() == JobEvent.Kind.FRAME) {
                    (event.resumed() ? framesResumed : framesRendered).inc();
                } else if (event.kind() == JobEvent.Kind.SEGMENT) {
                    segmentsDone.inc();
                }
                JobEvent fromSlot = event.withRenderer(slot, taskManager);
                LocalProgress.publish(fromSlot);
                synchronized (events) { // the render thread, then the end's thread
                    events.add(fromSlot);
                }
            }, endThread);
        } catch (SegmentRenderer.Cancelled stopped) {
            LOG.info("slot {}: job {} was cancelled during segment {}", slot, segment.jobId(), segment.index());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The service's slots look for a job's cancel marker (now, then once a second); a local render never does. */
    static BooleanSupplier cancelWatch(boolean service, ObjectStore store, JobKeys keys) {
        return service ? new CancelWatch(store, keys, CANCEL_CHECK_NANOS) : CancelWatch.NEVER;
    }

    private FrameGenerator generator(String model) throws IOException {
        if (!model.equals(loadedModel)) {
            closeGenerator();
            LOG.info("slot {} opening model {} on {}", slot, model, device);
            generator = generators.open(model, options, device);
            loadedModel = model;
        }
        return generator;
    }

    private void closeGenerator() {
        if (generator != null) {
            generator.close();
            generator = null;
            loadedModel = null;
        }
    }

    @Override
    public void close() throws Exception {
        boolean idle = true;
        if (renderThread != null) {
            renderThread.shutdownNow(); // interrupts: SegmentRenderer stops between frames
            idle = renderThread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (endThread != null) {
            endThread.shutdown(); // a segment's end in progress finishes: its frames are rendered
            endThread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (idle) {
            closeGenerator();
        } else {
            LOG.warn("slot {}: the render thread did not stop within {} s; leaving its model open", slot,
                    CLOSE_WAIT_SECONDS);
        }
        if (store != null) {
            store.close();
        }
    }
}
