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
 * <p>A job whose audio cannot be decoded, or whose planning fails in any way but I/O, ends FAILED (the client hears
 * why); an I/O failure (the store, the disk) fails the Flink job, which restarts and plans it again (PLAN's writes
 * are idempotent). Each start of a job's planning is counted in the store ({@link AttemptCounter}): the start that
 * reaches the service's dead-letter count ends the job FAILED instead, so a job whose planning keeps failing the
 * Flink job cannot hold the service.
 */
final class PlanAsyncFunction extends RichAsyncFunction<AcceptedJob, PlanOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(PlanAsyncFunction.class);

    private final RunOptions options;
    private final int threads;
    private final int attempts;
    private transient ObjectStore store;
    private transient AttemptCounter counter;
    private transient ExecutorService planners;

    /** @param attempts starts of a job's planning after which it ends FAILED instead ({@link DeadLetterFunction}) */
    PlanAsyncFunction(RunOptions options, int threads, int attempts) {
        this.options = options;
        this.threads = threads;
        this.attempts = attempts;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = options.openStore();
        counter = new AttemptCounter(store);
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
        String attempt = "plan-" + accepted.jobId();
        try {
            int start = counter.next(attempt);
            if (start >= attempts) {
                counter.forget(attempt);
                result.complete(List.of(PlanOutput.failed(JobEvent.failed(accepted.jobId(), "planning failed the "
                        + "service " + (start - 1) + " times; the job is given up so that it cannot hold the service"))));
                return;
            }
            CompiledJob job = CompiledJob.fromJson(accepted.requestJson()).withJobId(accepted.jobId());
            new JobPlanner(store, TempFiles.workDir(), false).plan(job, accepted.priority(),
                    (Segment segment) -> out.add(PlanOutput.of(segment)),
                    () -> {
                        handedOn.set(true);
                        result.complete(out);
                    });
            counter.forget(attempt);
        } catch (StoreException | UncheckedIOException e) {
            fail(accepted, result, handedOn, e);
        } catch (AudioException | IllegalArgumentException e) {
            failed(accepted, result, handedOn, "the audio cannot be planned: " + e.getMessage());
        } catch (IOException e) {
            fail(accepted, result, handedOn, e);
        } catch (RuntimeException e) {
            // A defect of ours, or input no check foresaw: this job ends, the others go on.
            LOG.warn("PLAN of job {} failed", accepted.jobId(), e);
            failed(accepted, result, handedOn, "planning failed: " + e);
        } catch (OutOfMemoryError e) {
            // The job's own allocation failed and is gone; without an answer here its result would never come.
            LOG.warn("PLAN of job {} ran out of memory", accepted.jobId(), e);
            failed(accepted, result, handedOn, "planning ran out of memory (" + e.getMessage() + ")");
        } catch (Throwable e) {
            fail(accepted, result, handedOn, e);
        }
    }

    private void failed(AcceptedJob accepted, ResultFuture<PlanOutput> result, AtomicBoolean handedOn, String why) {
        try {
            counter.forget("plan-" + accepted.jobId());
        } catch (StoreException e) {
            LOG.debug("could not delete the plan attempt count of job {}: {}", accepted.jobId(), e.toString());
        }
        if (!handedOn.get()) {
            result.complete(List.of(PlanOutput.failed(JobEvent.failed(accepted.jobId(), why))));
        }
    }

    /** Once its segments are out, a job no longer depends on PLAN: ASSEMBLE encodes the audio if PLAN could not. */
    private static void fail(AcceptedJob job, ResultFuture<PlanOutput> result, AtomicBoolean handedOn, Throwable e) {
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
