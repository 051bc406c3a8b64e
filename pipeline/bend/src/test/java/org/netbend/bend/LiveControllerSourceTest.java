package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.netbend.core.ParameterSource;

/** A live MIDI knob, ccN@ctl, is a source like a feature; a number outside 0..127 is refused by name. */
class LiveControllerSourceTest {
    @Test
    void aKnobIsAFeatureSource() {
        BendSpec spec = BendParser.parse("multiply@0=cc7@ctl[1..1.5]|input(0,127)");
        ParameterSource.Feature source = (ParameterSource.Feature) spec.sources().get(0);
        assertEquals("cc7@ctl", source.feature());
        assertEquals("multiply@0=cc7@ctl[1..1.5]|input(0,127)", spec.canonical());
    }

    @Test
    void anUnknownControllerNumberIsRefused() {
        BendSpecException e = assertThrows(BendSpecException.class,
                () -> BendParser.parse("multiply@0=cc128@ctl[1..2]"));
        assertTrue(e.getMessage().startsWith("unknown controller number 128 in 'cc128@ctl': MIDI controllers are"
                + " cc0..cc127"), e.getMessage());
        assertTrue(e.hasSpan(), "the span points at the source");
    }
}
