package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void speedIsRenderedFramesOverElapsedTimeAndEtaTheRemainderAtThatSpeed() {
        ProgressRate rate = new ProgressRate(10 * SECOND);
        rate.rendered(30);
        assertEquals(3.0, rate.framesPerSecond(20 * SECOND), 1e-12);   // 30 frames in 10 s
        assertEquals(40.0, rate.etaSeconds(120, 20 * SECOND), 1e-12);  // 120 more at 3 per second
        assertEquals(0.0, rate.etaSeconds(0, 20 * SECOND));
    }

    @Test
    void unknownBeforeTheFirstRenderedFrame() {
        ProgressRate rate = new ProgressRate(0);
        assertEquals(0.0, rate.framesPerSecond(5 * SECOND));
        assertEquals(-1.0, rate.etaSeconds(10, 5 * SECOND));
        assertEquals(-1.0, new ProgressRate(5 * SECOND).etaSeconds(10, 5 * SECOND));
    }
}
