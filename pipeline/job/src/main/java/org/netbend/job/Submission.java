package org.netbend.job;

/**
 * A job submitted to the service: the request (what decides the frames) and how to deliver it.
 *
 * @param jobId    the client's id for the job, or the request's own content id when none was given
 * @param priority weight of the job when slots choose their next segment (1 = normal)
 * @param output   where the video is copied in the store, besides {@code jobs/{jobId}/video.mp4}; null for none;
 *                 held to {@link OutputKeys}
 * @param album    the album this job is a track of (the same id on each of its tracks' requests), or null; a
 *                 label for lists, not part of the request or its job id
 * @param notices  what the service says about the message when it accepts it: the deprecated spellings it used
 */
public record Submission(String jobId, int priority, String output, JobRequest request, String album,
        java.util.List<String> notices) implements ServiceMessage {
    /** The version of the topics' JSON ({@code "schema": 1}). */
    public static final int SCHEMA = 1;
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 100;

    public Submission(String jobId, int priority, String output, JobRequest request) {
        this(jobId, priority, output, request, null, java.util.List.of());
    }

    public Submission {
        notices = notices == null ? java.util.List.of() : java.util.List.copyOf(notices);
        JobIds.check("jobId", jobId);
        if (album != null) {
            JobIds.check("album", album);
        }
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new InvalidRequestException("priority", "must be in " + MIN_PRIORITY + ".." + MAX_PRIORITY
                    + ", got " + priority);
        }
        if (output != null) {
            OutputKeys.check("output", output);
        }
    }

    /** The same job as a track of {@code albumId}. */
    public Submission inAlbum(String albumId) {
        return new Submission(jobId, priority, output, request, albumId, notices);
    }
}
