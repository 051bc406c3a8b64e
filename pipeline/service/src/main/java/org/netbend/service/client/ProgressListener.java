package org.netbend.service.client;

import org.netbend.job.ProgressEvent;

/** Told of each progress event of the watched job, in order; events come at least once. */
@FunctionalInterface
public interface ProgressListener {
    void progress(ProgressEvent event);
}
