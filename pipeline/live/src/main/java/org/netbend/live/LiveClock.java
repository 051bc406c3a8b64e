package org.netbend.live;

/**
 * The loop's time in seconds since the session started: the audio's time, so frame n is due when the audio of its
 * interval [n/fps, (n+1)/fps) has been heard. Real time for a performance, simulated for tests and recordings.
 */
public interface LiveClock {
    /** Time 0: the session starts (after the model is warm). */
    void start();

    double now();

    /** Returns once {@link #now} is at least {@code seconds}. */
    void sleepUntil(double seconds) throws InterruptedException;

    /**
     * A frame took {@code measuredSeconds} to render. A real clock has already moved on; a simulated one moves by
     * its modelled cost, so that lateness (and the skipping it causes) is reproducible.
     */
    void rendered(double measuredSeconds);

    /** The session ends: a clock that waits for someone else (a page) returns from {@link #sleepUntil} at once. */
    default void stop() { }
}
