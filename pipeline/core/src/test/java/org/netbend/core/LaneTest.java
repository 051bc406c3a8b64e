package org.netbend.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lanes, their times and Deforum schedule strings: what is read, and how each mistake is named. */
class LaneTest {
    @Test
    void timesAreSecondsMinutesAndSecondsOrBeats() {
        assertEquals(LaneTime.seconds(12.5), LaneTime.parse("12.5"));
        assertEquals(LaneTime.seconds(90), LaneTime.parse("1:30"));
        assertEquals(LaneTime.seconds(62.5), LaneTime.parse(" 1:02.5 "));
        assertEquals(new LaneTime(8, true), LaneTime.parse("8b"));
        assertEquals(30, LaneTime.parseSeconds("0:30"));
        assertEquals("8b", new LaneTime(8, true).text());
        assertEquals("4.5", LaneTime.seconds(4.5).text());
        assertEquals(2.0, new LaneTime(4, true).inSeconds(0.5));
    }

    @Test
    void aBadTimeSaysHowToWriteOne() {
        assertEquals("'1:75' is not a time; write seconds (12.5), minutes:seconds (1:30, 0:07.5) or beats of the "
                + "track's tempo (8b)", assertThrows(IllegalArgumentException.class, () -> LaneTime.parse("1:75"))
                .getMessage());
        assertEquals("'8b' is not a time; write seconds (12.5) or minutes:seconds (1:30, 0:07.5)",
                assertThrows(IllegalArgumentException.class, () -> LaneTime.parseSeconds("8b")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaneTime.parse("-1"));
    }

    @Test
    void aDeforumScheduleReadsAsPointsAndWritesBackTheSame() {
        List<LanePoint> points = LaneSchedule.parse("0:(0), 4.5:(1.2), 1:30:(-3e-1), 100:(2)");
        assertEquals(List.of(new LanePoint(LaneTime.seconds(0), 0), new LanePoint(LaneTime.seconds(4.5), 1.2),
                new LanePoint(LaneTime.seconds(90), -0.3), new LanePoint(LaneTime.seconds(100), 2)), points);
        assertEquals("0:(0), 4.5:(1.2), 90:(-0.3), 100:(2)", LaneSchedule.format(points));
        assertEquals(points, LaneSchedule.parse(LaneSchedule.format(points)));
        assertEquals(List.of(new LanePoint(new LaneTime(0, true), 0), new LanePoint(new LaneTime(8, true), 1)),
                LaneSchedule.parse("0b:(0), 8b:(1)"));
    }

    @Test
    void aBadScheduleNamesThePoint() {
        assertEquals("point 2 ('4.5:(x)'): value 'x' is not a number (expressions are not evaluated)",
                assertThrows(IllegalArgumentException.class, () -> LaneSchedule.parse("0:(0), 4.5:(x)")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaneSchedule.parse("0:(0), 4.5=1"))
                .getMessage().startsWith("point 2 ('4.5=1'): write TIME:(VALUE)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LaneSchedule.parse("0:(0), x:(1)"))
                .getMessage().startsWith("point 2 ('x:(1)'): 'x' is not a time"));
        assertThrows(IllegalArgumentException.class, () -> LaneSchedule.parse(" "));
    }

    @Test
    void aLaneRefusesTimesOutOfOrderMixedUnitsAndTooManyPoints() {
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class, () -> new Lane(
                LaneInterpolation.LINEAR, LaneSchedule.parse("0:(0), 6:(1), 4.5:(2)")));
        assertEquals("point 3 (4.5 s): times must increase; point 2 is at 6 s", order.getMessage());
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class, () -> new Lane(
                LaneInterpolation.LINEAR, LaneSchedule.parse("0:(0), 8b:(1)")));
        assertEquals("point 2 (8b): is in beats but point 1 is in seconds; a lane's times are all seconds or all beats",
                units.getMessage());
        List<LanePoint> many = Collections.nCopies(Lane.MAX_POINTS + 1, new LanePoint(LaneTime.seconds(0), 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lane(LaneInterpolation.STEP, many))
                .getMessage().startsWith("has 20001 points; a lane holds at most 20000"));
        assertThrows(IllegalArgumentException.class, () -> new Lane(LaneInterpolation.STEP, List.of()));
    }

    @Test
    void laneNamesAreReadByBendsAsLaneColonName() {
        assertTrue(FeatureNames.isLane("lane:swell"));
        assertEquals("swell", FeatureNames.laneName("lane:swell"));
        assertFalse(FeatureNames.isLane("lane:Swell"));
        assertFalse(FeatureNames.isLane("swell"));
        assertFalse(FeatureNames.isKnown("lane:swell"), "a lane is not an audio feature");
        assertThrows(IllegalArgumentException.class, () -> Lane.checkName("bad name"));
        assertTrue(LaneSchedule.looksLikeSchedule("0:(0), 30:(2)"));
        assertFalse(LaneSchedule.looksLikeSchedule("rms[0..2pi]|median(5)"));
        assertFalse(LaneSchedule.looksLikeSchedule("max(rms,flux)[0..1]"));
    }
}
