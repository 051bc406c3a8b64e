package org.netbend.cli;

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
import org.junit.jupiter.api.io.TempDir;

class JobFileTest {
    @TempDir Path temp;

    @Test
    void everyPresetReads() throws IOException {
        List<Path> presets;
        try (Stream<Path> files = Files.list(Path.of("../../configs/presets"))) {
            presets = files.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertFalse(presets.isEmpty());
        for (Path preset : presets) {
            JobFile job = JobFile.read(preset);
            assertFalse(job.prompts().isEmpty(), preset.toString());
            assertFalse(job.bends().isEmpty(), preset.toString());
        }
    }

    @Test
    void timelineAndSettingsAreRead() throws IOException {
        Path file = Files.writeString(temp.resolve("job.yaml"), """
                version: 1
                prompts: [{at: 0, text: "forest"}, {at: 12.5, text: "city at night"}]
                fps: 24
                bends: ["add@40=rms[0..2]"]
                """);
        JobFile job = JobFile.read(file);
        assertEquals(2, job.prompts().size());
        assertEquals(12.5, job.prompts().get(1).at());
        assertEquals(24, job.number("fps"));
        assertEquals("add@40=rms[0..2]", job.bends().get(0).canonical());
    }

    @Test
    void unknownKeysAndBadBendsAreNamed() throws IOException {
        Path typo = Files.writeString(temp.resolve("typo.yaml"), "prompt: x\nfsp: 20\n");
        UserError e = assertThrows(UserError.class, () -> JobFile.read(typo));
        assertTrue(e.getMessage().contains("unknown key 'fsp'") && e.getMessage().contains("fps"), e.getMessage());

        Path bad = Files.writeString(temp.resolve("bad.yaml"), "prompt: x\nbends: [\"frobnicate@1=2\"]\n");
        UserError b = assertThrows(UserError.class, () -> JobFile.read(bad));
        assertTrue(b.getMessage().contains("frobnicate"), b.getMessage());

        Path number = Files.writeString(temp.resolve("number.yaml"), "prompt: x\nfps: fast\n");
        UserError n = assertThrows(UserError.class, () -> JobFile.read(number).number("fps"));
        assertTrue(n.getMessage().contains("'fps' must be a number"), n.getMessage());

        assertThrows(UserError.class, () -> JobFile.read(temp.resolve("missing.yaml")));
    }
}
