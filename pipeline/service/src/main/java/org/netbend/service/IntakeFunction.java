package org.netbend.service;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.netbend.farm.RunOptions;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.job.JobResult;
import org.netbend.job.JobStatus;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;
import org.netbend.store.StoreException;

/**
 * The service's intake, keyed by job id, after decoding: the checks that need the store, and what to do with
 * a job that is already known.
 * <ul>
 *   <li>the audio must exist; a client-chosen job id must not already hold a different request (REJECTED);</li>
 *   <li>a job whose video is in the store is answered DONE at once, without rendering again;</li>
 *   <li>a job that is running is attached to: nothing new starts, its one result answers both requests;</li>
 *   <li>otherwise the job starts: to PLAN, and ACCEPTED to ASSEMBLE;</li>
 *   <li>a cancel leaves a marker in the store (RENDER stops at the next frame, queued segments are dropped) and
 *       tells ASSEMBLE, which answers CANCELLED once.</li>
 * </ul>
 * Store failures propagate: Flink restarts from the last checkpoint and the request is read again from Kafka, so an
 * accepted request is never lost.
 */
final class IntakeFunction extends KeyedProcessFunction<String, Decoded, AcceptedJob> {
    /** Answers given here: REJECTED, or DONE for a job already rendered (as a final event, for the results). */
    static final OutputTag<JobResult> REJECTED = new OutputTag<>("intake-rejected") { };
    static final OutputTag<JobEvent> ALREADY_DONE = new OutputTag<>("intake-done") { };
    /** ACCEPTED and CANCEL, for ASSEMBLE. */
    static final OutputTag<JobEvent> CONTROL = new OutputTag<>("intake-control") { };

    private final RunOptions options;
    private transient ObjectStore store;
    private transient ValueState<Boolean> running;

    IntakeFunction(RunOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = options.openStore();
        running = getRuntimeContext().getState(new ValueStateDescriptor<>("running", Types.BOOLEAN));
    }

    @Override
    public void processElement(Decoded message, Context context, Collector<AcceptedJob> out) throws Exception {
        JobKeys keys = new JobKeys(message.jobId());
        if (message.isCancel()) {
            cancel(keys, context);
            return;
        }
        AcceptedJob job = message.job();
        JobRequest request = JobRequest.fromJson(job.requestJson());
        Optional<InvalidRequestException> missing = missingInput(request);
        if (missing.isPresent()) {
            context.output(REJECTED, JobResult.rejected(job.jobId(), missing.get()));
            return;
        }
        Optional<byte[]> stored = store.get(keys.request());
        if (stored.isPresent() && !sameRequest(new String(stored.get(), StandardCharsets.UTF_8), request)) {
            context.output(REJECTED, JobResult.rejected(job.jobId(), new InvalidRequestException("job-id",
                    "'" + job.jobId() + "' already holds a different request; choose another job-id")));
            return;
        }
        Optional<JobStatus> status = status(keys);
        if (status.isPresent() && status.get().isDone() && store.exists(keys.video())) {
            running.clear();
            context.output(ALREADY_DONE, JobEvent.done(job.jobId(), status.get().frames(), 0, new long[0],
                    keys.video()));
            return;
        }
        if (Boolean.TRUE.equals(running.value()) && status.isEmpty()) {
            return; // attached: the running job's result answers this request too
        }
        store.delete(keys.cancelMarker());
        store.delete(keys.status()); // a FAILED or CANCELLED job starts over
        running.update(true);
        context.output(CONTROL, JobEvent.accepted(job.jobId(), job.output()));
        JobLog.accepted(job.jobId(), request.audioName(), job.priority());
        out.collect(job);
    }

    /**
     * Whether the stored request is this one: the same content id, so a request rendered by {@code render} with the
     * same model files in another folder (another {@code model} text, the same digest) is the same job.
     */
    private static boolean sameRequest(String storedJson, JobRequest request) {
        try {
            return JobRequest.fromJson(storedJson).jobId().equals(request.jobId());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** The track, each stem and the MIDI file must be in the store before the job is accepted. */
    private Optional<InvalidRequestException> missingInput(JobRequest request) throws StoreException {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("audio", request.audioKey());
        request.stemKeys().forEach((name, key) -> inputs.put("stems." + name, key));
        if (request.midiKey() != null) {
            inputs.put("midi", request.midiKey());
        }
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            if (!store.exists(input.getValue())) {
                return Optional.of(new InvalidRequestException(input.getKey(), "'" + input.getValue()
                        + "' does not exist in " + store.describe() + "; netbend submit uploads it"));
            }
        }
        return Optional.empty();
    }

    private void cancel(JobKeys keys, Context context) throws Exception {
        Optional<JobStatus> status = status(keys);
        if (status.isPresent()) {
            context.output(REJECTED, JobResult.rejected(keys.jobId(), new InvalidRequestException("job-id",
                    "job '" + keys.jobId() + "' has already ended (" + status.get().state() + "); nothing to cancel")));
            return;
        }
        if (!Boolean.TRUE.equals(running.value()) && !store.exists(keys.request())) {
            context.output(REJECTED, JobResult.rejected(keys.jobId(), new InvalidRequestException("job-id",
                    "no job '" + keys.jobId() + "' is known to this service")));
            return;
        }
        store.put(keys.cancelMarker(), "{\"cancelled\": true}".getBytes(StandardCharsets.UTF_8));
        running.clear();
        context.output(CONTROL, JobEvent.cancel(keys.jobId()));
    }

    private Optional<JobStatus> status(JobKeys keys) throws Exception {
        Optional<byte[]> bytes = store.get(keys.status());
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JobStatus.fromJson(new String(bytes.get(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty(); // a status we cannot read is no answer: render (again)
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
