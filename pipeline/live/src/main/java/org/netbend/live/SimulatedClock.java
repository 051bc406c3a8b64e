package org.netbend.live;

/**
 * Time that moves only when the loop waits or renders: waiting jumps to the deadline, a rendered frame costs a
 * fixed modelled time (or what it really took, when the cost is negative). A whole session then runs as fast as the
 * machine allows and the same frames are late on every run.
 */
public final class SimulatedClock implements LiveClock {
    private final double frameCost;
    private double now;

    /** @param frameCostSeconds modelled render time per frame; negative to charge the measured time */
    public SimulatedClock(double frameCostSeconds) {
        if (!Double.isFinite(frameCostSeconds)) {
            throw new IllegalArgumentException("frame cost must be finite, got " + frameCostSeconds);
        }
        this.frameCost = frameCostSeconds;
    }

    @Override
    public synchronized void start() { now = 0; }

    @Override
    public synchronized double now() { return now; }

    @Override
    public synchronized void sleepUntil(double seconds) { now = Math.max(now, seconds); }

    @Override
    public synchronized void rendered(double measuredSeconds) {
        now += frameCost < 0 ? measuredSeconds : frameCost;
    }
}
