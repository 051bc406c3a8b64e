package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** beat_phase, since_onset and since_beat worked out by hand on a 10 fps grid (frame i: [i/10, (i+1)/10)). */
class EventClockTest {
    private static final int FRAMES = 8;

    private static double centre(int i) { return (i + 0.5) / 10; }

    private static double end(int i) { return (i + 1) / 10.0; }

    @Test
    void sinceCountsFromTheLastEventBeforeTheFrameEnds() {
        FloatSeries out = new FloatSeries(FRAMES);
        EventClock.since(new double[] {0.12, 0.38}, FRAMES, EventClockTest::centre, EventClockTest::end, out);
        // frame 0: no event yet: 0; frame 1 holds 0.12: max(0, 0.15 - 0.12) = 0.03;
        // frame 2: 0.13; frame 3 holds 0.38 (after its centre 0.35): 0; frame 4: 0.45 - 0.38 = 0.07; ...
        assertArrayEquals(new float[] {0f, 0.03f, 0.13f, 0f, 0.07f, 0.17f, 0.27f, 0.37f}, out.toArray(FRAMES),
                1e-6f);
    }

    @Test
    void phaseRisesFromZeroToOneAcrossEachBeatAndExtendsBeyondTheBeats() {
        FloatSeries out = new FloatSeries(FRAMES);
        EventClock.phase(new double[] {0.1, 0.3, 0.7}, FRAMES, EventClockTest::centre, out);
        // before 0.1, the first interval (0.2) extended: centre 0.05 -> (0.05 - 0.1)/0.2 = -0.25 -> 0.75;
        // 0.15 -> 0.25, 0.25 -> 0.75; beat 0.3..0.7 (0.4 long): 0.35 -> 0.125, 0.45 -> 0.375, 0.55 -> 0.625,
        // 0.65 -> 0.875; after the last beat the last interval extended: 0.75 -> 0.05/0.4 = 0.125.
        assertArrayEquals(new float[] {0.75f, 0.25f, 0.75f, 0.125f, 0.375f, 0.625f, 0.875f, 0.125f},
                out.toArray(FRAMES), 1e-6f);
    }

    @Test
    void phaseIsZeroWithFewerThanTwoBeats() {
        FloatSeries out = new FloatSeries(FRAMES);
        EventClock.phase(new double[] {0.3}, FRAMES, EventClockTest::centre, out);
        assertArrayEquals(new float[FRAMES], out.toArray(FRAMES));
    }
}
