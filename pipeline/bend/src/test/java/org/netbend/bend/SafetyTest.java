package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.netbend.core.Latent;

/** No operator puts NaN or infinity into the latent: constants fail at parse time, audio values are clamped. */
class SafetyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "inversion@0=0 # inversion: constant r = 0 is not allowed; |r| >= 0.01",
            "inversion@0=0.001 # |r| >= 0.01",
            "power@0=0 # exponent = 0 is not allowed; 0.01..16",
            "power@0=-1 # exponent = -1",
            "power@0=100 # 0.01..16",
            "threshold-soft@0=-1 # >= 0",
            "clamp@0=-1 # limit = -1",
            "rescale@0=-2 # limit = -2",
            "blend(dilate(4),1.5)@0 # amount must be in 0..1",
            "blend(sobel)@0=2 # amount = 2",
            "matrix@0=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1000 # -100..100",
            "add@0=1e300 # -1e6..1e6",
            "add@0=rms|input(1,1) # zero-wide input range divides by zero",
    })
    void unsafeConstantsFailAtParseTime(String spec, String expected) {
        BendSpecException e = assertThrows(BendSpecException.class, () -> BendParser.parse(spec));
        for (String piece : expected.split(";")) {
            assertTrue(e.getMessage().contains(piece.strip()), e.getMessage());
        }
    }

    /** The values a broken or silent audio track can produce. */
    private static final double[] HOSTILE = {0, -0.0, 1e-300, -1e-300, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e300, -1e300, -5};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"add@0=rms", "multiply@0=rms", "inversion@0=rms", "power@0=rms", "threshold@0=rms",
        "threshold-soft@0=rms", "noise@0=rms", "add-sparse@0=rms", "clamp@0=rms", "rescale@0=rms",
        "rotate-r1@0=rms", "blend(dilate)@0=rms", "matrix@0=rms,rms,rms,rms,rms,rms,rms,rms,rms,rms,rms,rms,rms,rms,rms,rms",
        "rotate-so4@0=rms,rms,rms,rms,rms,rms"})
    void audioValuesAreClampedAndTheLatentStaysFinite(String spec) {
        BendProgram program = BendProgram.parse(spec);
        for (double value : HOSTILE) {
            double[] params = new double[program.parameterCount(0)];
            java.util.Arrays.fill(params, value);
            Latent latent = TestLatents.gaussian(4, 8, 8, 1);
            latent.set(0, 0, 0, 0f);
            latent.set(1, 1, 1, 1e4f);
            latent.set(2, 2, 2, -1e4f);
            program.forFrame(0, 0, new double[][] {params}).bend(0, 1, latent);
            assertTrue(latent.allFinite(), spec + " with " + value);
            for (float v : latent.data()) {
                assertTrue(Math.abs(v) <= Finite.LATENT_LIMIT, spec + " with " + value + " wrote " + v);
            }
        }
    }

    @Test
    void anOverflowInsideAChainIsCappedBeforeTheNextOperator() {
        // Uncapped, seven multiplies by 1e6 overflow to Inf and the normalisation makes Inf - Inf = NaN.
        String chain = "multiply>multiply>multiply>multiply>multiply>multiply>multiply>normalize(all)";
        for (String target : new String[] {"", ":channel(0)"}) {
            BendProgram program = BendProgram.parse(chain + "@0" + target + "=1e6,1e6,1e6,1e6,1e6,1e6,1e6");
            Latent latent = new Latent(1, 2, 2);
            float[] x = latent.data();
            x[0] = 1f;
            x[1] = -1f;
            x[2] = 2f;
            x[3] = 0.5f;
            program.forFrame(0, 0, program.constantParameters()).bend(0, 1, latent);
            assertTrue(latent.allFinite(), target);
            // Capped at +-1e4 after each step: 1e4, -1e4, 1e4, 1e4 with mean 5e3; then -1.5e4 is capped again.
            assertEquals(5e3f, x[0], 1e-2, target);
            assertEquals(-1e4f, x[1], 1e-2, target);
        }
    }

    @Test
    void inversionClampsRAwayFromZeroOnItsOwnSide() {
        BendProgram program = BendProgram.parse("inversion@0=rms");
        assertEquals(0.01, program.clampParameter(0, 0, 0));
        assertEquals(0.01, program.clampParameter(0, 0, 0.001));
        assertEquals(-0.01, program.clampParameter(0, 0, -0.001));
        assertEquals(0.01, program.clampParameter(0, 0, Double.NaN));
        assertEquals(2.0, program.clampParameter(0, 0, 2.0));
        Latent latent = new Latent(1, 1, 1);
        latent.data()[0] = 3f;
        program.forFrame(0, 0, new double[][] {{0}}).bend(0, 1, latent);
        assertEquals(97f, latent.data()[0], 1e-4);
    }

    @Test
    void powerAtZeroAndOfNegativesIsDefined() {
        BendProgram program = BendProgram.parse("power@0=rms");
        assertEquals(0.01, program.clampParameter(0, 0, -3));
        Latent latent = new Latent(1, 1, 3);
        latent.data()[0] = 0f;
        latent.data()[1] = -8f;
        latent.data()[2] = 1e4f;
        program.forFrame(0, 0, new double[][] {{16}}).bend(0, 1, latent);
        assertEquals(0f, latent.data()[0]);
        assertEquals(-Finite.LATENT_LIMIT, latent.data()[1]);
        assertEquals(Finite.LATENT_LIMIT, latent.data()[2]);
    }

    @Test
    void logOfZeroAndOfNegativesIsDefined() {
        Latent latent = new Latent(1, 1, 3);
        latent.data()[1] = -1e4f;
        latent.data()[2] = 1e4f;
        Latent out = TestLatents.run("log@0", latent);
        assertEquals(0f, out.data()[0]);
        assertEquals(-Math.log1p(1e4), out.data()[1], 1e-5);
        assertEquals(Math.log1p(1e4), out.data()[2], 1e-5);
    }

    @Test
    void zeroRangesDoNotDivideByZero() {
        Latent constant = new Latent(4, 4, 4);
        java.util.Arrays.fill(constant.data(), 2.5f);
        for (float v : TestLatents.run("rescale(-1,3)@0", constant).data()) {
            assertEquals(1f, v);
        }
        for (float v : TestLatents.run("normalize-max@0", new Latent(4, 4, 4)).data()) {
            assertEquals(0f, v);
        }
        for (float v : TestLatents.run("rescale@0=1", constant).data()) {
            assertEquals(0f, v);
        }
    }
}
