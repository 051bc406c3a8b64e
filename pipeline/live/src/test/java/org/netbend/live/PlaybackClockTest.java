package org.netbend.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The page's playback time plus the expected latency; standing still while paused; woken by stop. */
class PlaybackClockTest {
    @Test
    void aPausedPlayerHoldsItsTimePlusTheLead() {
        PlaybackClock clock = new PlaybackClock();
        assertEquals(0.05 + PlaybackClock.TRANSPORT_SECONDS, clock.now(), 1e-9, "before any report: the lead alone");
        clock.report(12.5, false);
        assertEquals(12.5 + clock.leadSeconds(), clock.now(), 1e-9);
        for (int i = 0; i < 50; i++) {
            clock.rendered(0.2); // the lead follows the render time
        }
        assertEquals(0.2 + PlaybackClock.TRANSPORT_SECONDS, clock.leadSeconds(), 1e-3);
        assertEquals(12.5 + clock.leadSeconds(), clock.now(), 1e-9, "paused: it stands still");
    }

    @Test
    void playingAdvancesFromTheReportAndSleepUntilReturnsOnceReached() throws Exception {
        PlaybackClock clock = new PlaybackClock();
        clock.report(3.0, true);
        double start = clock.now();
        clock.sleepUntil(start + 0.1);
        assertTrue(clock.now() >= start + 0.1);
        assertTrue(clock.now() < start + 5, "it moves with the wall clock, not faster: " + (clock.now() - start));
    }

    @Test
    void stopWakesASleeperOnAPausedPlayer() throws Exception {
        PlaybackClock clock = new PlaybackClock();
        clock.report(1.0, false);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clock.stop();
        });
        stopper.start();
        clock.sleepUntil(100); // paused: only stop() can end this wait
        stopper.join(10_000);
        assertTrue(clock.now() < 100);
    }

    @Test
    void aBadReportIsRefused() {
        PlaybackClock clock = new PlaybackClock();
        assertThrows(IllegalArgumentException.class, () -> clock.report(Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> clock.report(-1, true));
    }
}
