package org.netbend.job;

/** Stop a job: its queued segments are dropped, its running segment stops at the next frame. */
public record Cancellation(String jobId) implements ServiceMessage {
    public Cancellation {
        JobIds.check("jobId", jobId);
    }
}
