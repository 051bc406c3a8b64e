package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.netbend.core.Latent;

/** Pointwise operators against hand-worked values and their formulas. */
class PointwiseOperatorTest {

    /** One element through op@0 with parameter r. */
    private static float one(String op, double x, double... r) {
        Latent latent = new Latent(1, 1, 1);
        latent.data()[0] = (float) x;
        return TestLatents.run(op + "@0" + (r.length == 0 ? "" : "=" + r[0]), latent).data()[0];
    }

    @ParameterizedTest(name = "{0}({1}, r={2}) = {3}")
    @CsvSource({
            "add, 1.5, 2, 3.5",
            "add, -1, 0.25, -0.75",
            "subtract, 1.5, 2, -0.5",
            "multiply, -1.5, 4, -6",
            "multiply, 2, 0, 0",
            "threshold, 0.5, 1, 0",
            "threshold, -1.5, 1, -1.5",
            "threshold, 1, 1, 1",
            "threshold-binary, 0.5, 1, 0",
            "threshold-binary, 1, 1, 1",
            "threshold-binary, -3, -4, 1",
            "threshold-soft, 2.5, 1, 1.5",
            "threshold-soft, -2.5, 1, -1.5",
            "threshold-soft, 0.5, 1, 0",
            "inversion, 1, 2, -0.5",
            "inversion, -1, 0.5, 3",
            "power, 3, 2, 9",
            "power, -3, 2, -9",
            "power, 4, 0.5, 2",
            "power, -4, 0.5, -2",
            "power, 0, 0.5, 0",
    })
    void matchesHandValues(String op, double x, double r, double expected) {
        assertEquals(expected, one(op, x, r), 1e-6);
    }

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource({
            "abs, -2.5, 2.5",
            "abs, 2.5, 2.5",
            "log, 0, 0",
            "log, 1.718281828, 1",
            "log, -1.718281828, -1",
            "clamp(-1;1), 3, 1",
    })
    void parameterlessMatchHandValues(String op, double x, double expected) {
        assertEquals(expected, one(op.replace(';', ','), x), 1e-6);
    }

    @Test
    void clampAndSymmetricClamp() {
        assertEquals(-0.5f, one("clamp(-0.5,2)", -3));
        assertEquals(2f, one("clamp(-0.5,2)", 7));
        assertEquals(0.25f, one("clamp(-0.5,2)", 0.25));
        assertEquals(-1.5f, one("clamp", -4, 1.5));
        assertEquals(1.5f, one("clamp", 4, 1.5));
    }

    @Test
    void wholeLatentMatchesFormulaElementByElement() {
        Latent input = TestLatents.gaussian(4, 8, 8, 3);
        check("add", input, 0.7, (x, r) -> x + r);
        check("multiply", input, -2.5, (x, r) -> x * r);
        check("threshold", input, 0.8, (x, r) -> Math.abs(x) >= r ? x : 0);
        check("threshold-soft", input, 0.3, (x, r) -> Math.signum(x) * Math.max(Math.abs(x) - r, 0));
        check("inversion", input, 1.25, (x, r) -> 1 / r - x);
        check("power", input, 1.7, (x, r) -> Math.signum(x) * Math.pow(Math.abs(x), r));
    }

    private static void check(String op, Latent input, double r, DoubleBinaryOperator formula) {
        Latent out = TestLatents.run(op + "@0=" + r, input);
        for (int i = 0; i < input.size(); i++) {
            assertEquals(formula.applyAsDouble(input.data()[i], r), out.data()[i], 1e-5, op + " at " + i);
        }
    }
}
