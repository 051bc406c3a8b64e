package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The YAML spelling, its schema, and every preset in configs/presets. */
class BendYamlTest {
    private static final Path PRESETS = Path.of("../../configs/presets");

    @Test
    void shorthandAndObjectFormsGiveEqualSpecs() {
        List<BendSpec> specs = BendYaml.parse("""
                version: 1
                prompt: "3D mesh geometry"
                bends:
                  - "add@40:channel(0)=rms[0..2]|median(5)"
                  - {op: add, layer: 40, target: "channel(0)", source: "rms[0..2]|median(5)"}
                  - op: [multiply, "normalize(channel)"]
                    layer: "10-20"
                    source: 2.5
                  - {op: clamp, args: [-1, 1], layer: final}
                  - {op: rotate-so4, layer: every, source: [rms, flux, 0, pi/2, 1, 2]}
                """);
        assertEquals(5, specs.size());
        assertEquals(specs.get(0), specs.get(1));
        assertEquals(BendParser.parse("multiply>normalize(channel)@10-20=2.5"), specs.get(2));
        assertEquals(BendParser.parse("clamp(-1,1)@final"), specs.get(3));
        assertEquals(BendParser.parse("rotate-so4@every=rms,flux,0,pi/2,1,2"), specs.get(4));
    }

    @Test
    void bareListAndMissingBends() {
        assertEquals(List.of(BendParser.parse("abs@3")), BendYaml.parse("- abs@3\n"));
        assertEquals(List.of(), BendYaml.parse("prompt: x\n"));
        assertEquals(List.of(), BendYaml.parse(""));
    }

    @Test
    void schemaViolationsAreNamed() {
        BendSpecException missingLayer = assertThrows(BendSpecException.class,
                () -> BendYaml.parse("bends:\n  - {op: add, source: 1}\n"));
        assertTrue(missingLayer.getMessage().contains("layer"), missingLayer.getMessage());
        BendSpecException unknownKey = assertThrows(BendSpecException.class,
                () -> BendYaml.parse("bends:\n  - {op: add, layer: 3, sauce: 1}\n"));
        assertTrue(unknownKey.getMessage().contains("sauce"), unknownKey.getMessage());
        BendSpecException badLayer = assertThrows(BendSpecException.class,
                () -> BendYaml.parse("bends:\n  - {op: add, layer: -3, source: 1}\n"));
        assertTrue(badLayer.getMessage().contains("layer"), badLayer.getMessage());
    }

    @Test
    void parserErrorsNameTheEntry() {
        BendSpecException e = assertThrows(BendSpecException.class,
                () -> BendYaml.parse("bends:\n  - abs@3\n  - {op: frobnicate, layer: 3}\n"));
        assertTrue(e.getMessage().startsWith("bends[1]: unknown operator 'frobnicate'; known: add,"), e.getMessage());
        BendSpecException notYaml = assertThrows(BendSpecException.class, () -> BendYaml.parse("bends: [abs@3"));
        assertTrue(notYaml.getMessage().startsWith("not valid YAML"), notYaml.getMessage());
    }

    @Test
    void everyPresetParsesAndNamesThePaperFigureItReproduces() throws IOException {
        List<Path> presets;
        try (Stream<Path> files = Files.list(PRESETS)) {
            presets = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(presets.size() >= 8, "presets: " + presets);
        for (Path preset : presets) {
            String text = Files.readString(preset);
            List<BendSpec> bends = BendYaml.parse(text);
            assertFalse(bends.isEmpty(), preset + " has no bends");
            BendProgram program = BendProgram.compile(bends);
            program.checkSteps(50);
            program.checkShape(4, 64, 64);
            assertTrue(text.startsWith("# ") && text.toLowerCase(java.util.Locale.ROOT).contains("paper"), preset + " must say what it reproduces");
        }
    }
}
