package org.netbend.service;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.netbend.farm.OutputCopy;
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
 *   <li>a job that is running is attached to: nothing new starts, its one result answers both requests (unless the
 *       repeat asks for another output than the running job copies to: REJECTED, since DONE must mean that the
 *       requested output exists; sent again once the job is done, its video is copied there);</li>
 *   <li>otherwise the job starts: to PLAN, and ACCEPTED to ASSEMBLE;</li>
 *   <li>a cancel leaves a marker in the store (RENDER stops at the next frame, queued segments are dropped) and
 *       tells ASSEMBLE, which answers CANCELLED once.</li>
 * </ul>
 * Store failures (I/O) propagate: Flink restarts from the last checkpoint and the request is read again from Kafka,
 * so an accepted request is never lost (and {@link DeadLetterFunction} bounds how often). Any other failure answers
 * that request FAILED and the others go on: nothing one request holds can restart the service.
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
    private transient ValueState<String> runningOutput;

    IntakeFunction(RunOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = options.openStore();
        running = getRuntimeContext().getState(new ValueStateDescriptor<>("running", Types.BOOLEAN));
        runningOutput = getRuntimeContext().getState(new ValueStateDescriptor<>("running-output", Types.STRING));
    }

    @Override
    public void processElement(Decoded message, Context context, Collector<AcceptedJob> out) throws Exception {
        try {
            intake(message, context, out);
        } catch (IOException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            context.output(REJECTED, JobResult.failed(message.jobId(), "the request could not be taken in: "
                    + e.getMessage()));
        }
    }

    private void intake(Decoded message, Context context, Collector<AcceptedJob> out) throws Exception {
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
            context.output(REJECTED, JobResult.rejected(job.jobId(), new InvalidRequestException("jobId",
                    "'" + job.jobId() + "' already holds a different request; choose another jobId")));
            return;
        }
        Optional<String> outputTaken = job.output() == null ? Optional.empty()
                : OutputCopy.refusal(store, job.jobId(), job.output());
        if (outputTaken.isPresent()) {
            context.output(REJECTED, JobResult.rejected(job.jobId(), new InvalidRequestException("output",
                    outputTaken.get())));
            return;
        }
        Optional<JobStatus> status = status(keys);
        if (status.isPresent() && status.get().isDone() && store.exists(keys.video())) {
            if (job.output() != null) {
                OutputCopy.copy(store, job.jobId(), job.output()); // DONE means the requested output exists too
            }
            running.clear();
            runningOutput.clear();
            context.output(ALREADY_DONE, JobEvent.done(job.jobId(), status.get().frames(), 0, new long[0],
                    keys.video()));
            return;
        }
        if (Boolean.TRUE.equals(running.value()) && status.isEmpty()) {
            if (job.output() != null && !job.output().equals(runningOutput.value())) {
                context.output(REJECTED, JobResult.rejected(job.jobId(), new InvalidRequestException("output",
                        "job '" + job.jobId() + "' is running and copies its video to " + (runningOutput.value() == null
                        ? "no output" : "'" + runningOutput.value() + "'") + "; send this request again when it is"
                        + " done and its video is copied to '" + job.output() + "'")));
            }
            return; // attached: the running job's result answers this request too
        }
        store.delete(keys.cancelMarker());
        store.delete(keys.status()); // a FAILED or CANCELLED job starts over
        running.update(true);
        runningOutput.update(job.output());
        context.output(CONTROL, JobEvent.accepted(job.jobId(), job.output()));
        JobLog.accepted(job.jobId(), request.audioName(), job.priority(), job.notice());
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

    /**
     * The track, each stem, the MIDI file and a named encoder must be in the store before the job is accepted (a
     * named encoder pinned to its content: PLAN checks the pin).
     */
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
                        + "' does not exist in the service's store; netbend submit uploads it"));
            }
        }
        if (org.netbend.core.EncoderName.names(request.codes())) {
            var named = org.netbend.core.EncoderName.parse(request.codes());
            if (named.sha256() == null) {
                return Optional.of(new InvalidRequestException("codes", "'" + named + "' is not pinned to the stored"
                        + " encoder's content (" + named + "#SHA256); netbend submit pins it"));
            }
            if (!store.exists(named.key())) {
                return Optional.of(new InvalidRequestException("codes", "'" + named.key() + "' does not exist in the"
                        + " service's store; netbend analyze --save-encoder " + named.name() + " stores it"));
            }
        }
        if (request.midiKey() != null && !MidiContent.isMidi(store, request.midiKey())) {
            return Optional.of(new InvalidRequestException("midi", "'" + request.midiKey() + "' is not a MIDI file "
                    + "(it does not start with MThd); give a standard MIDI file (.mid)"));
        }
        return Optional.empty();
    }

    private void cancel(JobKeys keys, Context context) throws Exception {
        Optional<JobStatus> status = status(keys);
        if (status.isPresent()) {
            context.output(REJECTED, JobResult.rejected(keys.jobId(), new InvalidRequestException("jobId",
                    "job '" + keys.jobId() + "' has already ended (" + status.get().state() + "); nothing to cancel")));
            return;
        }
        if (!Boolean.TRUE.equals(running.value()) && !store.exists(keys.request())) {
            context.output(REJECTED, JobResult.rejected(keys.jobId(), new InvalidRequestException("jobId",
                    "no job '" + keys.jobId() + "' is known to this service")));
            return;
        }
        store.put(keys.cancelMarker(), "{\"cancelled\": true}".getBytes(StandardCharsets.UTF_8));
        running.clear();
        runningOutput.clear();
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
