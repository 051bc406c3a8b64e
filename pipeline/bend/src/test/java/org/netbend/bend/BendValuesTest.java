package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BendValuesTest {
    @Test
    void rangeWithCountIncludesBothEnds() {
        double[] values = BendValues.parse("0..2pi/8");
        assertArrayEquals(new double[] {0, 2 * Math.PI / 7, 4 * Math.PI / 7, 6 * Math.PI / 7, 8 * Math.PI / 7,
            10 * Math.PI / 7, 12 * Math.PI / 7, 2 * Math.PI}, values, 1e-12);
        assertArrayEquals(new double[] {0, 2.5, 5}, BendValues.parse("0..5/3"));
        assertArrayEquals(new double[] {5, 0}, BendValues.parse("5..0/2"));
        assertArrayEquals(new double[] {0, Math.PI / 4, Math.PI / 2}, BendValues.parse("0..pi/2/3"), 1e-15);
    }

    @Test
    void theCountHasItsOwnSeparatorSoPiOverFourIsANumber() {
        assertArrayEquals(BendValues.parse("0..2pi/8"), BendValues.parse("0..2pi:8"));
        assertArrayEquals(new double[] {0, Math.PI / 8, Math.PI / 4}, BendValues.parse("0..pi/4:3"), 1e-15);
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2}, BendValues.parse("0 .. 2 : 5"));
        assertNull(BendValues.deprecation("0..pi/4:3"));
        assertNull(BendValues.deprecation("1,2,3"));
        assertNull(BendValues.deprecation("pi/4"));
        assertEquals("'0..pi/4' reads as 4 values from 0 to pi; write 0..pi:4 (the old LO..HI/N will go: pi/4 is "
                + "also a number)", BendValues.deprecation("0..pi/4"));
        assertTrue(assertThrows(BendSpecException.class, () -> BendValues.parse("0..2pi")).getMessage()
                .contains("needs a count: LO..HI:N, e.g. 0..2pi:8"));
    }

    @Test
    void listsAndSingleValues() {
        assertArrayEquals(new double[] {1, 2, 3}, BendValues.parse("1,2,3"));
        assertArrayEquals(new double[] {Math.PI, -0.5}, BendValues.parse(" pi , -0.5 "));
        assertArrayEquals(new double[] {0.25}, BendValues.parse("0.25"));
    }

    @Test
    void badListsSayWhatIsWrong() {
        assertTrue(assertThrows(BendSpecException.class, () -> BendValues.parse("0..2pi")).getMessage()
                .contains("needs a count"));
        assertTrue(assertThrows(BendSpecException.class, () -> BendValues.parse("0..1/1")).getMessage()
                .contains("must be 2..256"));
        assertTrue(assertThrows(BendSpecException.class, () -> BendValues.parse("1,x,3")).getMessage()
                .contains("'x' is not a number"));
        assertTrue(assertThrows(BendSpecException.class, () -> BendValues.parse("")).getMessage()
                .contains("empty value list"));
    }
}
