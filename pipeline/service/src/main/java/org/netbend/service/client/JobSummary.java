package org.netbend.service.client;

import java.time.Instant;

/**
 * One line of {@code netbend jobs}.
 *
 * @param framesDone  frames stored, from the latest progress event (or the result); -1 when none was seen
 * @param framesTotal frames of the job; -1 when unknown
 * @param when        the latest request, progress or result seen for the job
 * @param reason      why it ended, for FAILED, REJECTED and CANCELLED; null otherwise
 */
public record JobSummary(String jobId, ListedState state, int framesDone, int framesTotal, Instant when,
        String audioName, String reason) { }
