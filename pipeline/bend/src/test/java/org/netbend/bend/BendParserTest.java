package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.netbend.core.Modifier;
import org.netbend.core.ModifierKind;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;

/** Every form of the shorthand, its canonical form, and its error messages. */
class BendParserTest {

    @Test
    void theIssuesExampleParsesIntoItsParts() {
        BendSpec spec = BendParser.parse("rotate-r1@40=rms[0..2pi]");
        assertEquals(List.of(new OperatorCall("rotate-r1", List.of())), spec.operators());
        assertEquals(new Layers.At(40), spec.layers());
        assertEquals(new Target.All(), spec.target());
        assertEquals(List.of(new ParameterSource.Feature("rms", new Range(0, 2 * Math.PI), List.of())), spec.sources());
        assertEquals("rotate-r1@40=rms[0..2pi]", spec.toString());
        assertEquals(40, spec.maxLayer());
    }

    @Test
    void featureWithoutRangeGetsTheOperatorsDefaultRange() {
        assertEquals(new Range(0, 2 * Math.PI), feature("rotate-r1@40=rms").range());
        assertEquals(new Range(0, 5), feature("add@40=rms").range());
        assertEquals(new Range(0, 10), feature("multiply@40=rms").range());
        assertEquals(new Range(0, 4), feature("threshold@40=rms").range());
        assertEquals(new Range(0.2, 5), feature("inversion@40=rms").range());
    }

    @Test
    void modifiersAreReadInTheOrderWrittenWhichIsTheOrderPlanRunsThem() {
        ParameterSource.Feature f = feature("add@1=flux[0..2]|median(5)|envelope(10, 300)|curve(exp)");
        assertEquals(List.of(new Modifier(ModifierKind.MEDIAN, List.of("5")),
                new Modifier(ModifierKind.ENVELOPE, List.of("10", "300")),
                new Modifier(ModifierKind.CURVE, List.of("exp"))), f.modifiers());
        assertEquals("add@1=flux[0..2]|median(5)|envelope(10,300)|curve(exp)",
                BendParser.parse("add@1=flux[0..2]|median(5)|envelope(10, 300)|curve(exp)").canonical());
    }

    @Test
    void anOrderOfModifiersPlanWouldNotKeepIsRefusedWithTheOrderToWrite() {
        String text = "add@1=flux[0..2]|curve(exp)|envelope(10,300)|median(5)";
        BendSpecException e = assertThrows(BendSpecException.class, () -> BendParser.parse(text));
        assertTrue(e.getMessage().contains("'envelope(10,300)' in 'flux[0..2]|curve(exp)|envelope(10,300)|median(5)'"
                + " is written after 'curve(exp)'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("write flux[0..2]|median(5)|envelope(10,300)|curve(exp)"), e.getMessage());
        assertEquals("envelope(10,300)", text.substring(e.start(), e.end()));
    }

    @Test
    void combinedSources() {
        ParameterSource source = BendParser.parse("add@40=max(rms,flux)[0..5]|gate(0.1)").sources().get(0);
        assertEquals(new ParameterSource.Combined(ParameterSource.Combiner.MAX, List.of("rms", "flux"),
                new Range(0, 5), List.of(new Modifier(ModifierKind.GATE, List.of("0.1")))), source);
        assertInstanceOf(ParameterSource.Combined.class,
                BendParser.parse("add@4=product(low,high,centroid)").sources().get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "pi; 3.141592653589793",
            "2pi; 6.283185307179586",
            "pi/2; 1.5707963267948966",
            "0.5pi; 1.5707963267948966",
            "-pi/4; -0.7853981633974483",
            "1.25; 1.25",
            "1e-3; 0.001",
    })
    void numbersMayUsePi(String text, double expected) {
        assertEquals(expected, ((ParameterSource.Constant) BendParser.parse("rotate-r1@0=" + text).sources().get(0))
                .value());
        assertEquals(expected, BendNumbers.parse(text));
    }

    @Test
    void layers() {
        assertEquals(new Layers.At(0), BendParser.parse("abs@0").layers());
        assertEquals(new Layers.Final(), BendParser.parse("abs@final").layers());
        assertEquals(new Layers.Span(10, 20), BendParser.parse("abs@10-20").layers());
        assertEquals(new Layers.Every(), BendParser.parse("abs@every").layers());
    }

    @Test
    void targets() {
        assertEquals(new Target.Channel(2), BendParser.parse("add@0:channel(2)=1").target());
        assertEquals(new Target.Rows(5, 5), BendParser.parse("add@0:row(5)=1").target());
        assertEquals(new Target.Cols(7, 7), BendParser.parse("add@0:col(7)=1").target());
        assertEquals(new Target.Rows(3, 9), BendParser.parse("add@0:rows(3..9)=1").target());
        assertEquals(new Target.Cols(0, 31), BendParser.parse("add@0:cols(0..31)=1").target());
        assertEquals(new Target.Fraction(0.25, null), BendParser.parse("add@0:fraction(0.25)=1").target());
        assertEquals(new Target.Fraction(0.25, 7L), BendParser.parse("add@0:fraction(0.25,7)=1").target());
        assertEquals(new Target.Region(0, 0, 0.5, 1, 0), BendParser.parse("add@0:region(0,0,0.5,1)=1").target());
        assertEquals(new Target.Region(0.25, 0, 0.75, 1, 0.1),
                BendParser.parse("add@0:region(0.25,0,0.75,1,0.1)=1").target());
        assertEquals(new Target.All(), BendParser.parse("add@0:all=1").target());
    }

    @Test
    void chainsAndBlend() {
        BendSpec chain = BendParser.parse("multiply>normalize(channel)@40=rms[0..10]");
        assertEquals(2, chain.operators().size());
        assertEquals(1, chain.sources().size());
        BendSpec sixAngles = BendParser.parse("rotate-so4@10=rms,flux,centroid,spread,skewness,kurtosis");
        assertEquals(6, sixAngles.parameters().size());
        BendSpec blend = BendParser.parse("blend(dilate(4))@30=rms");
        assertEquals(new Range(0, 1), ((ParameterSource.Feature) blend.sources().get(0)).range());
        assertEquals(0, BendParser.parse("blend(dilate(4),0.5)@30").sources().size());
        BendSpec blendWithInnerParam = BendParser.parse("blend(rotate-r1)@30=0.5,pi");
        assertEquals(List.of("amount", "angle"), blendWithInnerParam.parameters().stream().map(ParamSpec::name).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "rotate-r1@40=rms[0..2pi]",
            "add@0:channel(0)=rms[0..2]|median(5)",
            "multiply>normalize(channel)@10-20:rows(3..9)=max(rms,flux)[0..5]|gate(0.1)",
            "add-sparse(0.1)@every:fraction(0.3,7)=-1.5",
            "blend(dilate(4),0.5)@final:region(0.25,0,0.75,1,0.1)",
            "rotate-so4@5=pi/2,pi,2pi/3,0.1,-pi,onset[0..pi]|delay(-2)|invert",
            "clamp(-1,1)>rescale>sobel@3=0.5",
            "matrix(1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1)@final",
            "threshold@0:col(3)=flux|smooth(0.8)|input(0,1)|curve(power,2)",
    })
    void canonicalFormParsesToAnEqualSpec(String text) {
        BendSpec spec = BendParser.parse(text);
        BendSpec again = BendParser.parse(spec.canonical());
        assertEquals(spec, again);
        assertEquals(spec.canonical(), again.canonical());
    }

    @Test
    void whitespaceIsIgnoredAndDefaultsAreSpelledOut() {
        assertEquals("dilate(4)>normalize(channel)@3", BendParser.parse(" dilate > normalize @ 3 ").canonical());
        assertEquals("add-sparse(0.05)@0=1", BendParser.parse("add-sparse@0=1").canonical());
    }

    /** Each malformed spec, and the pieces (separated by ';') its message must contain. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '#', value = {
            "frobnicate@40=1 # unknown operator 'frobnicate'; known: add, subtract, multiply",
            "add@40=rmss # unknown feature 'rmss'; known: rms, centroid",
            "add@40=rms|smoth(0.8) # unknown modifier 'smoth'; known: delay, median",
            "add@fnal=1 # bad layer 'fnal'; final",
            "add=1 # missing '@LAYER'; add@40=rms",
            "add@40:chanel(0)=1 # unknown target 'chanel'; channel(c)",
            "add@40 # takes 1 parameter (amount), got 0",
            "sobel@40=rms # takes no parameter; blend(sobel)",
            "rotate-so4@40=rms # takes 6 parameters",
            "add@40=rms[0..2pi # unbalanced",
            "add@40=rms[0-2] # bad range '[0-2]'",
            "dilate(0)@4 # window k must be 1..63",
            "rotate(1,1)@4=1 # two different channels",
            "clamp(2,1)@4 # lo <= hi",
            "normalize(depth)@4 # unknown choice 'depth'; known: channel, row, col, pixel, all",
            "add@40=rms|median(4) # odd number",
            "add@40=rms|median(5)|median(3) # given twice",
            "add@40=3|median(5) # constant '3' takes no modifiers",
            "add@40=mean(rms,flux) # unknown combiner 'mean'; known: sum, product, max",
            "add@40:region(0.5,0,0.2,1)=1 # x0 < x1",
            "add@40:fraction(1.5)=1 # must be in 0..1",
            "add@20-10=1 # a <= b",
            "add@40=2p # unknown feature '2p'",
            "add@40=rms|curve(cubic) # unknown curve 'cubic'; known: linear, exp, log, power",
            "gradient(z)@4 # unknown axis 'z'; known: x, y",
            "'' # empty bend spec",
    })
    void malformedSpecsNameTheBadTokenAndTheValidNames(String spec, String expected) {
        BendSpecException e = assertThrows(BendSpecException.class, () -> BendParser.parse(spec));
        for (String piece : expected.split(";")) {
            assertTrue(e.getMessage().contains(piece.strip()),
                    "message '" + e.getMessage() + "' should contain '" + piece.strip() + "'");
        }
    }

    private static ParameterSource.Feature feature(String spec) {
        return (ParameterSource.Feature) BendParser.parse(spec).sources().get(0);
    }
}
