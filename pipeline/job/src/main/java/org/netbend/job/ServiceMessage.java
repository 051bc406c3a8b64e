package org.netbend.job;

/** What the requests topic carries: a job to render, or a cancel of one. */
public sealed interface ServiceMessage permits Submission, Cancellation {
    /** The job the message is about. */
    String jobId();
}
