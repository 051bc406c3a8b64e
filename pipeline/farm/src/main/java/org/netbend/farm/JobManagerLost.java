package org.netbend.farm;

import java.net.ConnectException;

/**
 * A job on a standalone cluster failed because its JobManager went away: without high availability the job goes
 * with it, but every frame already rendered is in the store, so the same command resumes from them. A connection
 * failure (the client's one-line report of an unreachable machine), whose message says what to do.
 */
public final class JobManagerLost extends ConnectException {
    private static final long serialVersionUID = 1L;

    JobManagerLost(ClusterAddress address, Throwable failure) {
        super("the JobManager at " + address + " is gone; frames are in the store: run the same command again to resume");
        addSuppressed(failure); // the client's own failure, for --verbose
    }
}
