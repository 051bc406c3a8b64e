package org.netbend.live;

/** Wall-clock time from {@link System#nanoTime}, 0 at {@link #start} (or when made). */
public final class RealTimeClock implements LiveClock {
    private volatile long start = System.nanoTime();

    @Override
    public void start() { start = System.nanoTime(); }

    @Override
    public double now() { return (System.nanoTime() - start) / 1e9; }

    @Override
    public void sleepUntil(double seconds) throws InterruptedException {
        while (true) {
            double left = seconds - now();
            if (left <= 0) {
                return;
            }
            long nanos = (long) (left * 1e9);
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    @Override
    public void rendered(double measuredSeconds) { } // real time has already passed
}
