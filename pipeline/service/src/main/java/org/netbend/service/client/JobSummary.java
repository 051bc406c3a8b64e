package org.netbend.service.client;

import java.time.Instant;

/**
 * One line of {@code netbend jobs}.
 *
 * @param framesDone  frames stored, from the latest progress event (or the result); -1 when none was seen
 * @param framesTotal frames of the job; -1 when unknown
 * @param when        the latest request, progress or result seen for the job
 * @param reason      why it ended, for FAILED, REJECTED and CANCELLED; null otherwise
 * @param priority    the latest request's priority (1 when unknown)
 * @param submitted   when the latest request was sent; null when the requests topic no longer holds it
 * @param album       the album the job is a track of, or null
 */
public record JobSummary(String jobId, ListedState state, int framesDone, int framesTotal, Instant when,
        String audioName, String reason, int priority, Instant submitted, String album) {

    public JobSummary(String jobId, ListedState state, int framesDone, int framesTotal, Instant when,
            String audioName, String reason) {
        this(jobId, state, framesDone, framesTotal, when, audioName, reason, 1, null, null);
    }
}
