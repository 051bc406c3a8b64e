package org.netbend.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * The one answer a job gets on the results topic (keyed by job id).
 *
 * @param schema          the contract's version, {@link Submission#SCHEMA}
 * @param videoKey        DONE: the video's key in the store
 * @param frames          DONE: frames in the video
 * @param durationSeconds DONE: the video's length
 * @param url             DONE: a presigned URL of the video, when the store can make one
 * @param urlExpiresAt    DONE: when the URL stops working (ISO-8601), when there is one
 * @param field           REJECTED: the field at fault
 * @param reason          FAILED, REJECTED, CANCELLED: one line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResult(int schema, String jobId, JobState state, String videoKey, Integer frames,
        Double durationSeconds, String url, String urlExpiresAt, String field, String reason) {

    /** A reason is one line that a person reads; a stack of causes is cut here. */
    static final int MAX_REASON = 1000;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static JobResult done(String jobId, String videoKey, int frames, double durationSeconds, String url,
            String urlExpiresAt) {
        return new JobResult(Submission.SCHEMA, jobId, JobState.DONE, videoKey, frames, durationSeconds, url,
                urlExpiresAt, null, null);
    }

    public static JobResult failed(String jobId, String reason) {
        return new JobResult(Submission.SCHEMA, jobId, JobState.FAILED, null, null, null, null, null, null,
                oneLine(reason));
    }

    public static JobResult rejected(String jobId, InvalidRequestException why) {
        return new JobResult(Submission.SCHEMA, jobId, JobState.REJECTED, null, null, null, null, null, why.field(),
                oneLine(why.getMessage()));
    }

    public static JobResult cancelled(String jobId) {
        return new JobResult(Submission.SCHEMA, jobId, JobState.CANCELLED, null, null, null, null, null, null,
                "cancelled; the frames already stored stay, so submitting it again resumes");
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JobResult fromJson(String json) {
        try {
            return JSON.readValue(json, JobResult.class);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        }
    }

    private static String oneLine(String text) {
        return Echo.safe(text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip(), MAX_REASON);
    }
}
