package org.netbend.service;

import java.util.Set;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.netbend.job.Cancellation;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobIds;
import org.netbend.job.JobResult;
import org.netbend.job.ServiceMessage;
import org.netbend.job.StoreScope;
import org.netbend.job.Submission;
import org.netbend.job.SubmissionDecoder;

/**
 * The first step of the service: every message of the requests topic is decoded and checked here, and a bad one
 * becomes a REJECTED result on a side output. Nothing a client sends can throw out of this function, so a poison
 * message never fails, restarts or stalls the job.
 */
final class DecodeFunction extends ProcessFunction<RawRequest, Decoded> {
    static final OutputTag<JobResult> REJECTED = new OutputTag<>("rejected") { };

    private final String storeLocation;
    private final String defaultModel;
    private final Set<String> models;
    private transient SubmissionDecoder decoder;

    DecodeFunction(String storeLocation, String defaultModel, Set<String> models) {
        this.storeLocation = storeLocation;
        this.defaultModel = defaultModel;
        this.models = Set.copyOf(models);
    }

    @Override
    public void processElement(RawRequest raw, Context context, Collector<Decoded> out) {
        if (decoder == null) {
            decoder = new SubmissionDecoder(StoreScope.of(storeLocation), defaultModel, models);
        }
        try {
            ServiceMessage message = decoder.decode(raw.value());
            if (message instanceof Submission s) {
                out.collect(new Decoded(s.jobId(), new AcceptedJob(s.jobId(), s.priority(), s.output(),
                        s.request().toJson())));
            } else if (message instanceof Cancellation c) {
                out.collect(new Decoded(c.jobId(), null));
            }
        } catch (InvalidRequestException e) {
            context.output(REJECTED, JobResult.rejected(answerKey(raw), e));
        } catch (RuntimeException e) {
            // A defect of ours must not take the service down with it either: the client hears of it.
            context.output(REJECTED, JobResult.rejected(answerKey(raw), new InvalidRequestException("(message)",
                    "could not be read: " + e)));
        }
    }

    /** The key a rejection is answered under: the message's key when it is a valid job id, else "-". */
    static String answerKey(RawRequest raw) {
        try {
            return raw.key() == null ? "-" : JobIds.check("key", raw.key());
        } catch (InvalidRequestException e) {
            return "-";
        }
    }
}
