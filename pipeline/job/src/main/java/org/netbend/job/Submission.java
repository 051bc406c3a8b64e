package org.netbend.job;

/**
 * A job submitted to the service: the request (what decides the frames) and how to deliver it.
 *
 * @param jobId    the client's id for the job, or the request's own content id when none was given
 * @param priority weight of the job when slots choose their next segment (1 = normal)
 * @param output   where the video is copied in the store, besides {@code jobs/{jobId}/video.mp4}; null for none;
 *                 held to {@link OutputKeys}
 */
public record Submission(String jobId, int priority, String output, JobRequest request) implements ServiceMessage {
    /** The version of the topics' JSON ({@code "schema": 1}). */
    public static final int SCHEMA = 1;
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 100;

    public Submission {
        JobIds.check("job-id", jobId);
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new InvalidRequestException("priority", "must be in " + MIN_PRIORITY + ".." + MAX_PRIORITY
                    + ", got " + priority);
        }
        if (output != null) {
            OutputKeys.check("output", output);
        }
    }
}
