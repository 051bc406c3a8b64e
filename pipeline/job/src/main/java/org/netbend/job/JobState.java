package org.netbend.job;

/** How a job ended, as its result says. */
public enum JobState {
    /** The video is in the store. */
    DONE,
    /** Rendering failed; the reason says why in one line. Stored frames stay, so a resubmission resumes. */
    FAILED,
    /** The request was refused before any work; the field and the problem are named. */
    REJECTED,
    /** A cancel message stopped it; stored frames stay, so a resubmission resumes. */
    CANCELLED
}
