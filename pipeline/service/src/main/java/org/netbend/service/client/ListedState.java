package org.netbend.service.client;

import org.netbend.job.JobState;

/** A job's state as {@code netbend jobs} shows it: waiting, rendering, or how it ended. */
public enum ListedState {
    /** Requested, no progress seen yet. */
    QUEUED,
    /** Requested, progress seen, no result yet. */
    RUNNING,
    DONE,
    FAILED,
    REJECTED,
    CANCELLED;

    static ListedState of(JobState ended) {
        return valueOf(ended.name());
    }
}
