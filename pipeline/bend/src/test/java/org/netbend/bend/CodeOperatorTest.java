package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netbend.core.Latent;
import org.netbend.core.ParameterSource;

/** code-matrix and code-field: the audio code as the operator; code(N) sources and code(a..b) groups. */
class CodeOperatorTest {

    private static Latent bend(String spec, double[] params, Latent input) {
        BendProgram program = BendProgram.compile(List.of(BendParser.parse(spec)));
        Latent latent = input.copy();
        program.forFrame(3, 1, new double[][] {params}).bend(40, 50, latent);
        return latent;
    }

    private static int[] bits(Latent latent) {
        float[] data = latent.data();
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = Float.floatToRawIntBits(data[i]);
        }
        return out;
    }

    @Test
    void aZeroGeneratorIsTheIdentityBitForBit() {
        Latent input = TestLatents.gaussian(4, 8, 8, 11);
        assertArrayEquals(bits(input), bits(bend("code-matrix@40=code(0..5)", new double[6], input)));
    }

    @Test
    void theGeneratorsExponentialIsARotation() {
        double[] p = {0.3, -1.2, 0.7, 2.5, -0.4, 1.9};
        double[][] r = CodeMatrices.rotation(p, 0);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double dot = 0;
                for (int k = 0; k < 4; k++) {
                    dot += r[k][i] * r[k][j];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-12, "RᵀR at " + i + "," + j);
            }
        }
        assertEquals(1, ChannelMatrixTest.determinant(r), 1e-12);
    }

    /** One generator in plane (1,2) is the paper's R1 of that angle: exp of [[0,-a],[a,0]] in that plane. */
    @Test
    void oneGeneratorIsAPlaneRotation() {
        double a = 0.8;
        double[] p = {0, 0, 0, a, 0, 0}; // plane 12: A[1][2] = a, A[2][1] = -a
        double[][] r = CodeMatrices.rotation(p, 0);
        assertEquals(Math.cos(a), r[1][1], 1e-14);
        assertEquals(Math.sin(a), r[1][2], 1e-14);
        assertEquals(-Math.sin(a), r[2][1], 1e-14);
        assertEquals(1, r[0][0], 1e-15);
        assertEquals(1, r[3][3], 1e-15);
    }

    @Test
    void aGeneralCodeMatrixIsScaledToSingularValueOne() {
        double[] p = new double[16];
        for (int k = 0; k < 16; k++) {
            p[k] = Math.sin(k * 1.7) * 3;
        }
        double[][] m = CodeMatrices.bounded(p, 0);
        assertEquals(1.0, CodeMatrices.largestSingularValue(m), 1e-12);
        // diag(2, 1, 0.5, 0.25) has σ_max 2: halved.
        double[] diagonal = {2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0.25};
        assertEquals(0.5, CodeMatrices.bounded(diagonal, 0)[1][1], 1e-15);
        double[] identity = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        Latent input = TestLatents.gaussian(4, 8, 8, 12);
        Latent out = bend("code-matrix(16)@40=code(0..15)", identity, input);
        for (int i = 0; i < input.size(); i++) {
            assertEquals(input.data()[i], out.data()[i], 0f);
        }
    }

    @Test
    void codeFieldAddsTheUpsampledFieldWithItsGain() {
        Latent input = TestLatents.gaussian(4, 8, 8, 13);
        double[] code = new double[16]; // 4 x 2 x 2
        for (int g = 0; g < 4; g++) {
            for (int cell = 0; cell < 4; cell++) {
                code[g * 4 + cell] = g + 1; // a constant field per channel: g + 1
            }
        }
        Latent out = bend("code-field(16,0.5)@40=code(0..15)", code, input);
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 64; i++) {
                assertEquals((float) (input.data()[c * 64 + i] + 0.5 * (c + 1)), out.data()[c * 64 + i], 0f);
            }
        }
        // A field with one bright cell (top left of channel 0) rises towards that corner, smoothly.
        double[] corner = new double[16];
        corner[0] = 1;
        Latent zero = new Latent(4, 8, 8);
        Latent field = bend("code-field(16)@40=code(0..15)", corner, zero);
        assertEquals(1f, field.get(0, 0, 0), 1e-6f);
        assertTrue(field.get(0, 3, 3) > field.get(0, 4, 4) && field.get(0, 4, 4) > field.get(0, 7, 7));
        assertEquals(0f, field.get(1, 0, 0));
    }

    @Test
    void codeFieldIdentityCasesAreBitIdentical() {
        Latent input = TestLatents.gaussian(4, 8, 8, 14);
        input.data()[5] = -0.0f;
        assertArrayEquals(bits(input), bits(bend("code-field(16)@40=code(0..15)", new double[16], input)));
        double[] code = new double[16];
        java.util.Arrays.fill(code, 0.7);
        assertArrayEquals(bits(input), bits(bend("code-field(16,0)@40=code(0..15)", code, input)));
    }

    @Test
    void codeSourcesParseLikeFeatures() {
        BendSpec spec = BendParser.parse("add@40=code(0)[0..pi]|median(5)");
        ParameterSource.Feature feature = (ParameterSource.Feature) spec.sources().get(0);
        assertEquals("code(0)", feature.feature());
        assertEquals(Math.PI, feature.range().hi(), 0);
        assertEquals(spec, BendParser.parse(spec.canonical()));
        BendSpec stem = BendParser.parse("rotate-r1@40=code(1)@drums");
        assertEquals("code(1)@drums", ((ParameterSource.Feature) stem.sources().get(0)).feature());
        BendSpec group = BendParser.parse("code-matrix@40=code(2..7)[-1..1]|smooth(0.5)");
        assertEquals(6, group.sources().size());
        assertEquals("code(7)", ((ParameterSource.Feature) group.sources().get(5)).feature());
        assertEquals(group, BendParser.parse(group.canonical()));
        assertEquals("code-matrix(6)@40=code(0)[-pi/2..pi/2],code(1)[-pi/2..pi/2],code(2)[-pi/2..pi/2],"
                + "code(3)[-pi/2..pi/2],code(4)[-pi/2..pi/2],code(5)[-pi/2..pi/2]",
                BendParser.parse("code-matrix@40=code(0..5)").canonical());
        assertNotEquals(BendParser.parse("code-matrix@40=code(0..5)"), BendParser.parse("code-matrix@40=code(1..6)"));
    }

    @Test
    void codeMatrixWorksAtUnetSites() {
        BendSpec spec = BendParser.parse("code-matrix@0-10/mid=code(0..5)");
        assertTrue(SiteBends.mixesChannelGroups(spec));
    }

    @Test
    void codePromptsKeepTheirSpacesAndGiveSoftmaxWeights() {
        BendSpec spec = BendParser.parse("code-prompts( a forest | the  sea , 0.5 )@every=code(0..1)");
        assertEquals("code-prompts(a forest|the  sea,0.5)@every=code(0)[0..1],code(1)[0..1]", spec.canonical());
        assertEquals(spec, BendParser.parse(spec.canonical()));
        BendProgram program = BendProgram.compile(List.of(BendParser.parse("code-prompts(a forest|the sea|a city,"
                + " 0.5)@every=1,0,0")));
        PromptWeights weights = program.promptWeights(program.constantParameters());
        double e = Math.exp(-1 / 0.5);
        assertEquals(List.of("a forest", "the sea", "a city"), weights.prompts());
        assertEquals(1 / (1 + 2 * e), weights.weights().get(0), 1e-15);
        assertEquals(e / (1 + 2 * e), weights.weights().get(2), 1e-15);
        // A one-hot code at a small temperature is exactly one prompt; the latent is never touched.
        BendProgram oneHot = BendProgram.parse("code-prompts(a forest|the sea,0.001)@every=0,1");
        assertEquals(List.of(0.0, 1.0), oneHot.promptWeights(oneHot.constantParameters()).weights());
        Latent input = TestLatents.gaussian(4, 8, 8, 15);
        assertArrayEquals(bits(input), bits(bend("code-prompts(a forest|the sea)@every=0.3,0.9", new double[] {0.3,
            0.9}, input)));
        assertEquals(null, BendProgram.parse("add@40=1").promptWeights(new double[][] {{1}}));
    }

    @Test
    void badCodeSpecsGetOneLineErrors() {
        assertTrue(assertThrows(BendSpecException.class, () -> BendParser.parse("code-prompts(a|b,0)@every=1,0"))
                .getMessage().startsWith("code-prompts: temperature must be above 0"));
        assertTrue(assertThrows(BendSpecException.class, () -> BendParser.parse("code-prompts(a|b)@40=1,0"))
                .getMessage().startsWith("'code-prompts' sets the prompt of the whole frame"));
        assertTrue(assertThrows(BendSpecException.class, () -> BendProgram.parse("code-prompts(a|b)@every=1,0",
                "code-prompts(c|d)@every=1,0")).getMessage().contains("only one code-prompts bend"));
        assertEquals("code-matrix: takes 6 numbers (a rotation's generator) or 16 (a 4x4 matrix), got 9 (syntax:"
                + " code-matrix[(6|16)])", assertThrows(BendSpecException.class,
                        () -> BendParser.parse("code-matrix(9)@40=code(0..8)")).getMessage());
        assertTrue(assertThrows(BendSpecException.class, () -> BendParser.parse("code-field(10)@40=code(0..9)"))
                .getMessage().startsWith("code-field: D must be a multiple of 4"));
        assertTrue(assertThrows(BendSpecException.class, () -> BendParser.parse("add@40=code(300)"))
                .getMessage().startsWith("bad code component 'code(300)'"));
        assertTrue(assertThrows(BendSpecException.class, () -> BendParser.parse("add@40=code(5..2)"))
                .getMessage().startsWith("bad code group 'code(5..2)'"));
        assertEquals("'code-matrix(6)' takes 6 parameters (generator, generator, generator, generator, generator,"
                + " generator), got 5", assertThrows(BendSpecException.class,
                        () -> BendParser.parse("code-matrix@40=code(0..4)")).getMessage());
        assertTrue(assertThrows(BendSpecException.class, () -> BendParser.parse("code-field(16)@final/mid=code(0..15)"))
                .getMessage().contains("'final' has no U-Net call"));
    }
}
