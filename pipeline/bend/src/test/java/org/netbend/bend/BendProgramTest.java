package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netbend.core.Latent;
import org.netbend.core.LatentBender;

/** Layers, order, chains, blend, targets and serialisation of whole programs. */
class BendProgramTest {

    @Test
    void actsAtFollowsTheLayerSelection() {
        BendProgram program = BendProgram.parse("abs@3", "abs@final", "abs@10-12", "abs@every", "abs@60");
        assertTrue(program.actsAt(0, 3, 50));
        assertFalse(program.actsAt(0, 4, 50));
        assertTrue(program.actsAt(1, 50, 50));
        assertFalse(program.actsAt(1, 49, 50));
        assertFalse(program.actsAt(2, 9, 50));
        assertTrue(program.actsAt(2, 10, 50));
        assertTrue(program.actsAt(2, 12, 50));
        assertFalse(program.actsAt(2, 13, 50));
        assertTrue(program.actsAt(3, 0, 50));
        assertTrue(program.actsAt(3, 49, 50));
        assertFalse(program.actsAt(3, 50, 50), "every is the steps, not the final latent");
        assertFalse(program.actsAt(4, 49, 50));
        assertEquals(61, program.requiredSteps());
    }

    @Test
    void aLayerBeyondTheStepsIsReportedForTheRenderSide() {
        BendProgram program = BendProgram.parse("add@10=1", "rotate-r1@40=rms");
        program.checkSteps(50);
        // img2img at strength 0.5 runs 25 of 50 steps.
        BendSpecException e = assertThrows(BendSpecException.class, () -> program.checkSteps(25));
        assertTrue(e.getMessage().contains("bend 1 'rotate-r1@40=rms[0..2pi]' acts at layer 40"), e.getMessage());
        assertTrue(e.getMessage().contains("only 25 steps"), e.getMessage());
        assertEquals(0, BendProgram.parse("abs@final").requiredSteps());
    }

    @Test
    void bendsApplyInTheOrderGiven() {
        Latent one = new Latent(1, 1, 1);
        one.data()[0] = 1f;
        BendProgram addThenMultiply = BendProgram.parse("add@0=1", "multiply@0=3");
        BendProgram multiplyThenAdd = BendProgram.parse("multiply@0=3", "add@0=1");
        Latent a = one.copy();
        addThenMultiply.forFrame(0, 0, addThenMultiply.constantParameters()).bend(0, 1, a);
        Latent b = one.copy();
        multiplyThenAdd.forFrame(0, 0, multiplyThenAdd.constantParameters()).bend(0, 1, b);
        assertEquals(6f, a.data()[0]);
        assertEquals(4f, b.data()[0]);
    }

    @Test
    void chainEqualsTheOperatorsOneAfterTheOther() {
        Latent input = TestLatents.gaussian(4, 6, 6, 2);
        Latent chained = TestLatents.run("multiply>normalize(channel)>dilate(3)@0=1", input, 2.5);
        Latent separately = TestLatents.run("dilate(3)@0",
                TestLatents.run("normalize(channel)@0", TestLatents.run("multiply@0=1", input, 2.5)));
        assertArrayEquals(separately.data(), chained.data());
    }

    @Test
    void blendMixesLinearlyBetweenXAndOpX() {
        Latent input = TestLatents.gaussian(4, 6, 6, 3);
        Latent dilated = TestLatents.run("dilate(4)@0", input);
        assertArrayEquals(input.data(), TestLatents.run("blend(dilate(4))@0=0", input, 0).data());
        assertArrayEquals(dilated.data(), TestLatents.run("blend(dilate(4))@0=0", input, 1).data(), 1e-6f);
        Latent quarter = TestLatents.run("blend(dilate(4),0.25)@0", input);
        for (int i = 0; i < input.size(); i++) {
            assertEquals(0.75 * input.data()[i] + 0.25 * dilated.data()[i], quarter.data()[i], 1e-6);
        }
        // The inner operator's own parameter follows the amount.
        Latent rotated = TestLatents.run("rotate-r1@0=0", input, 1.0);
        Latent half = TestLatents.run("blend(rotate-r1)@0=0,0", input, 0.5, 1.0);
        assertEquals(0.5 * input.get(1, 2, 2) + 0.5 * rotated.get(1, 2, 2), half.get(1, 2, 2), 1e-6);
    }

    @Test
    void targetsLimitWhereTheResultIsWrittenButOperatorsSeeEverything() {
        Latent input = TestLatents.gaussian(4, 8, 8, 4);
        Latent channel = TestLatents.run("add@0:channel(2)=1", input);
        Latent rows = TestLatents.run("add@0:rows(2..3)=1", input);
        Latent col = TestLatents.run("add@0:col(5)=1", input);
        for (int c = 0; c < 4; c++) {
            for (int h = 0; h < 8; h++) {
                for (int w = 0; w < 8; w++) {
                    float x = input.get(c, h, w);
                    assertEquals(c == 2 ? x + 1 : x, channel.get(c, h, w));
                    assertEquals(h == 2 || h == 3 ? x + 1 : x, rows.get(c, h, w));
                    assertEquals(w == 5 ? x + 1 : x, col.get(c, h, w));
                }
            }
        }
        // Rotation targeted at channel 2 still reads channel 1 (R1 mixes channels 1 and 2).
        Latent rotated = TestLatents.run("rotate-r1@0:channel(2)=pi/2", input);
        assertEquals(input.get(1, 3, 3), rotated.get(2, 3, 3), 1e-6);
        assertEquals(input.get(1, 3, 3), rotated.get(1, 3, 3));
    }

    @Test
    void regionTargetCoversItsRectangleAndFeathersItsEdge() {
        Latent zero = new Latent(1, 8, 8);
        Latent hard = TestLatents.run("add@0:region(0,0,0.5,0.25)=1", zero);
        for (int h = 0; h < 8; h++) {
            for (int w = 0; w < 8; w++) {
                assertEquals(h < 2 && w < 4 ? 1f : 0f, hard.get(0, h, w), "at " + h + "," + w);
            }
        }
        Latent soft = TestLatents.run("add@0:region(0.25,0,0.75,1,0.25)=1", zero);
        // Column centres u = (w + 0.5) / 8; weight = clamp((u - 0.25) / 0.25 + 0.5) * clamp((0.75 - u) / 0.25 + 0.5).
        float[] expected = {0, 0.25f, 0.75f, 1, 1, 0.75f, 0.25f, 0};
        for (int w = 0; w < 8; w++) {
            double u = (w + 0.5) / 8;
            double weight = clamp((u - 0.25) / 0.25 + 0.5) * clamp((0.75 - u) / 0.25 + 0.5);
            assertEquals(weight, soft.get(0, 4, w), 1e-6);
            assertEquals(expected[w], soft.get(0, 4, w), 1e-6);
        }
    }

    private static double clamp(double t) { return Math.max(0, Math.min(1, t)); }

    @Test
    void shapeProblemsAreReportedWithTheBend() {
        BendProgram program = BendProgram.parse("add@0=1", "reflect(5)@0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> program.checkShape(4, 64, 64));
        assertTrue(e.getMessage().contains("bend 1 'reflect(5)@0'"), e.getMessage());
        assertTrue(e.getMessage().contains("channels 0..3"), e.getMessage());
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> BendProgram.parse("add@0:row(70)=1").checkShape(4, 64, 64));
        assertTrue(row.getMessage().contains("row 70 is outside the latent"), row.getMessage());
        BendProgram.parse("rotate-so4@0=1,2,3,4,5,6", "hadamard@0", "add@0:region(0,0,1,1)=1").checkShape(4, 64, 64);
    }

    @Test
    void wrongParameterArraysAreRejectedClearly() {
        BendProgram program = BendProgram.parse("add@0=rms", "abs@0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> program.forFrame(0, 0, new double[][] {{1, 2}, {}}));
        assertTrue(e.getMessage().contains("takes 1 parameter values, got 2"), e.getMessage());
        IllegalStateException constants = assertThrows(IllegalStateException.class, program::constantParameters);
        assertTrue(constants.getMessage().contains("audio source 'rms[0..5]'"), constants.getMessage());
    }

    @Test
    void programSurvivesJavaSerialisationAndStillRuns() throws Exception {
        BendProgram program = BendProgram.parse("multiply>normalize(channel)@0-3:fraction(0.5)=rms|median(5)",
                "blend(dilate(4))@final:region(0,0,0.5,0.5,0.1)=max(rms,flux)[0..1]|gate(0.1)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(program);
        }
        BendProgram copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (BendProgram) in.readObject();
        }
        assertEquals(program.bends(), copy.bends());
        double[][] params = {{2}, {0.5}};
        assertArrayEquals(runAll(program, params).data(), runAll(copy, params).data());
    }

    private static Latent runAll(BendProgram program, double[][] params) {
        Latent latent = TestLatents.gaussian(4, 8, 8, 9);
        LatentBender bender = program.forFrame(5, 2, params);
        for (int layer = 0; layer <= 4; layer++) {
            bender.bend(layer, 4, latent);
        }
        return latent;
    }

    @Test
    void everyOperatorIsDocumentedInTheReadme() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (String name : Operators.names()) {
            assertTrue(readme.contains("`" + name), "README.md lacks operator " + name);
        }
        assertEquals(List.copyOf(Operators.names()).size(), Operators.infos().size());
    }
}
