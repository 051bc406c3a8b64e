package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every error of the shorthand parser names the part of the text it is about, as the user wrote it (spaces
 * included), so the CLI and the studio can mark it.
 */
class BendSpecSpanTest {
    private static BendSpecException refused(String text) {
        return assertThrows(BendSpecException.class, () -> BendParser.parse(text));
    }

    /** Spec ; the text its error's span covers ; words of the message. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "rotate-r1@40=rms[0..x]               ; x                  ; not a number",
        "rotate-r1@40=rms[0..2pi] | median(4) ; median(4)          ; odd number",
        "add@40=lound[0..2]                   ; lound              ; unknown feature",
        "add@40=max(rms,fluxx)[0..1]          ; fluxx              ; unknown feature",
        "shear@40=rms                         ; shear              ; unknown operator",
        "add@4x=rms                           ; 4x                 ; bad layer",
        "add@40:chanel(2)=rms                 ; chanel(2)          ; unknown target",
        "add@40=rms,flux                      ; rms,flux           ; takes 1 parameter",
        "add@40=rms|gate(2)                   ; gate(2)            ; p must be in 0..1",
        "add@40=rms|wobble(2)                 ; wobble(2)          ; unknown modifier",
        "add@40=rms|curve(exp)|median(5)      ; median(5)          ; is written after",
        "power@40=rms[0..2]                   ; [0..2]             ; range end 0",
        "add@40=3|median(3)                   ; |median(3)         ; takes no modifiers",
        "add=rms                              ; add=rms            ; missing '@LAYER'",
        "add@40=avg(rms,flux)                 ; avg                ; unknown combiner",
        "add@40 = lane:Swell                  ; lane:Swell         ; unknown feature",
    })
    void theSpanCoversTheOffendingPart(String text, String part, String word) {
        BendSpecException e = refused(text);
        assertTrue(e.hasSpan(), text);
        assertEquals(part, text.substring(e.start(), e.end()), e.getMessage());
        assertTrue(e.getMessage().contains(word), e.getMessage());
    }

    @Test
    void spacesInTheTextAreCountedSoTheSpanIsWhereTheUserTypedIt() {
        String text = "add @ 40 = rms [ 0 .. x ]";
        BendSpecException e = refused(text);
        assertEquals("x", text.substring(e.start(), e.end()));
        assertEquals(text + System.lineSeparator() + " ".repeat(22) + "^", e.marked(text));
        assertEquals(22, e.start());
    }

    @Test
    void anEmptySpecIsMarkedWhole() {
        BendSpecException e = refused("   ");
        assertEquals(0, e.start());
        assertEquals(3, e.end());
    }

    @Test
    void aYamlEntryKeepsItsSpanInTheShorthandItsPartsMake() {
        BendSpecException e = assertThrows(BendSpecException.class,
                () -> BendParser.fromParts("add", "40", "channel(9x)", List.of("rms")));
        assertEquals("channel(9x)", "add@40:channel(9x)=rms".substring(e.start(), e.end()));
    }

    @Test
    void aDeforumScheduleInABendSaysWhichLaneToWrite() {
        String text = "add@0=0:(0), 30:(2)";
        BendSpecException e = refused(text);
        assertEquals("0:(0), 30:(2)", text.substring(e.start(), e.end()));
        assertEquals("'0:(0), 30:(2)' is a Deforum keyframe schedule; a bend reads one as a lane: --lane add=\"0:(0), "
                + "30:(2)\" --bend \"add@0=lane:add\" (times are seconds, m:ss or beats like 8b, not frames; in a job "
                + "file: lanes: {add: \"0:(0), 30:(2)\"})", e.getMessage());
        // The suggested bend parses.
        assertEquals("add@0=lane:add[0..5]", BendParser.parse("add@0=lane:add").canonical());
        assertTrue(refused("rotate(0,1)@5:channels(0..3)=0:(0),1:30:(6)").getMessage()
                .contains("--lane rotate=\"0:(0),1:30:(6)\" --bend \"rotate(0,1)@5:channels(0..3)=lane:rotate\""));
    }

    @Test
    void degreesAreReadInRangesAndARotationPastAFullTurnGetsANote() {
        assertEquals("rotate-r1@40=rms[0..2pi]", BendParser.parse("rotate-r1@40=rms[0..360deg]").canonical());
        assertEquals("rotate-r1@40=rms[-pi/2..pi/2]", BendParser.parse("rotate-r1@40=rms[-90deg..90deg]").canonical());
        assertEquals(List.of("'rotate-r1@40=rms[0..360]': the angle's range ends at 360 radians, past a full turn; "
                + "did you mean degrees? write 0..2pi or 0..360deg"), BendParser.notes("rotate-r1@40=rms[0..360]"));
        assertEquals(List.of(), BendParser.notes("rotate-r1@40=rms[0..2pi]"));
        assertEquals(List.of(), BendParser.notes("rotate-r1@40=rms[0..4pi]"), "radians on purpose: one note only,"
                + " IdentityPeaks' full turns");
        assertEquals(1, BendParser.notes("rotate-r1@40=rms[0..7.5]").size());
        assertEquals(List.of(), BendParser.notes("add@40=rms[0..360]"), "not a rotation");
        assertEquals(List.of(), BendParser.notes("rotate-r1@40=rms[0..720deg]"), "written in degrees on purpose");
        assertFalse(BendNumbers.isNumber("deg"));
        assertThrows(BendSpecException.class, () -> BendNumbers.parse("pideg"));
    }
}
