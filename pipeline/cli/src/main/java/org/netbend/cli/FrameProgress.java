package org.netbend.cli;

/** Where counted frames are shown: the progress bar of one job, or one track's part of an album's bar. */
interface FrameProgress {
    /** Frames that came from the store (or were done before watching began): they do not count towards the rate. */
    void resumed(int frames);

    void update(int done, int total);
}
