package org.netbend.live;

/**
 * The clock of a file played somewhere else (the page's audio element), plus a lead: the session's time is the
 * reported playback time, advanced by the time since the report while it plays, plus the expected latency of a
 * frame, so that the frame for the audio under "now + latency" is ready when that audio is heard. The lead is a
 * running mean of the measured render time plus a margin for the transport. Before the first report, and while
 * paused, it stands still.
 */
public final class PlaybackClock implements LiveClock {
    static final double TRANSPORT_SECONDS = 0.010;
    private static final double SMOOTHING = 0.2;

    private double reported;
    private long reportedAt = System.nanoTime();
    private boolean playing;
    private double renderSeconds = 0.05;
    private boolean stopped;

    /** The page's playback position and whether it plays. */
    public synchronized void report(double seconds, boolean isPlaying) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new IllegalArgumentException("a playback time must be a finite number of seconds >= 0, got "
                    + seconds);
        }
        reported = seconds;
        reportedAt = System.nanoTime();
        playing = isPlaying;
        notifyAll();
    }

    /** The expected latency the clock runs ahead by. */
    public synchronized double leadSeconds() { return renderSeconds + TRANSPORT_SECONDS; }

    @Override
    public void start() { }

    @Override
    public synchronized double now() {
        double since = playing ? (System.nanoTime() - reportedAt) / 1e9 : 0;
        return reported + since + leadSeconds();
    }

    @Override
    public synchronized void sleepUntil(double seconds) throws InterruptedException {
        while (!stopped) {
            double left = seconds - now();
            if (left <= 0) {
                return;
            }
            long millis = playing ? Math.max(1, (long) Math.ceil(left * 1000)) : 250;
            wait(Math.min(millis, 250));
        }
    }

    @Override
    public synchronized void rendered(double measuredSeconds) {
        renderSeconds += SMOOTHING * (measuredSeconds - renderSeconds);
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }
}
