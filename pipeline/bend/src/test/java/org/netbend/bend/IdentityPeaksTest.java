package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A range whose peak is the operator's identity is noted; one that peaks where the operator acts is not. */
class IdentityPeaksTest {
    private static List<String> notes(String... specs) {
        return IdentityPeaks.notes(List.of(specs).stream().map(BendParser::parse).toList());
    }

    @Test
    void aFullTurnAtThePeakIsNoted() {
        List<String> notes = notes("rotate-r1@40=rms[0..2pi]");
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("the peak of rms maps to 2pi, a full turn, which is no rotation at all, so "
                + "the loudest moment looks unbent"), notes.get(0));
        assertTrue(notes("rotate-r2@10=flux[0..4pi]").get(0).contains("2 full turns"));
    }

    @Test
    void addAtZeroAndMultiplyAtOneAreNoted() {
        assertTrue(notes("add@20=rms[3..0]").get(0).contains("maps to 0, which adds nothing"));
        assertTrue(notes("multiply@20=rms[2..1]").get(0).contains("multiplies by 1"));
        assertTrue(notes("rotate-r1@40=rms[2pi..0]|invert").get(0).contains("maps to 2pi"), "invert: the peak is lo");
    }

    @Test
    void rangesThatPeakWhereTheOperatorActsAreNotNoted() {
        assertEquals(List.of(), notes("rotate-r1@40=rms[0..pi]", "add@20=rms[0..5]|median(5)",
                "multiply@20=rms[1..2]", "rotate-r1@40=0.5", "threshold@10=rms[0..1]", "rotate-r1@40=rms[0..2pi]|invert"));
    }
}
