package org.netbend.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.netbend.farm.JobPlanner;
import org.netbend.farm.RunOptions;
import org.netbend.farm.Segment;
import org.netbend.farm.TempFiles;
import org.netbend.job.CompiledJob;
import org.netbend.job.JobEvent;
import org.netbend.plan.AudioException;
import org.netbend.store.ObjectStore;
import org.netbend.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PLAN in the service: several jobs are planned at once, each on a thread of its own, so one album's analysis never
 * holds up a short job. A job's segments are handed on as soon as they are cut; its audio is then encoded for
 * ASSEMBLE on the same thread, after the operator has moved on.
 *
 * <p>A job whose audio cannot be decoded ends FAILED (the client hears why); a store failure fails the Flink job,
 * which restarts and plans it again (PLAN's writes are idempotent).
 */
final class PlanAsyncFunction extends RichAsyncFunction<AcceptedJob, PlanOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(PlanAsyncFunction.class);

    private final RunOptions options;
    private final int threads;
    private transient ObjectStore store;
    private transient ExecutorService planners;

    PlanAsyncFunction(RunOptions options, int threads) {
        this.options = options;
        this.threads = threads;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = options.openStore();
        planners = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "netbend-plan");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void asyncInvoke(AcceptedJob job, ResultFuture<PlanOutput> result) {
        planners.execute(() -> plan(job, result));
    }

    private void plan(AcceptedJob accepted, ResultFuture<PlanOutput> result) {
        List<PlanOutput> out = new ArrayList<>();
        AtomicBoolean handedOn = new AtomicBoolean();
        try {
            CompiledJob job = CompiledJob.fromJson(accepted.requestJson()).withJobId(accepted.jobId());
            new JobPlanner(store, TempFiles.workDir(), false).plan(job, accepted.priority(),
                    (Segment segment) -> out.add(PlanOutput.of(segment)),
                    () -> {
                        handedOn.set(true);
                        result.complete(out);
                    });
        } catch (StoreException | UncheckedIOException e) {
            fail(accepted, result, handedOn, e);
        } catch (AudioException | IllegalArgumentException e) {
            if (!handedOn.get()) {
                result.complete(List.of(PlanOutput.failed(JobEvent.failed(accepted.jobId(),
                        "the audio cannot be planned: " + e.getMessage()))));
            }
        } catch (IOException | RuntimeException e) {
            fail(accepted, result, handedOn, e);
        }
    }

    /** Once its segments are out, a job no longer depends on PLAN: ASSEMBLE encodes the audio if PLAN could not. */
    private static void fail(AcceptedJob job, ResultFuture<PlanOutput> result, AtomicBoolean handedOn, Exception e) {
        if (handedOn.get()) {
            LOG.warn("PLAN of job {} failed after its segments were out; ASSEMBLE will encode its audio: {}",
                    job.jobId(), e.toString());
        } else {
            result.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        if (planners != null) {
            planners.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
    }
}
