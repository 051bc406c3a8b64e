package org.netbend.job;

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

/** Job files are typed strictly: what a careless or hostile YAML can hold is refused with the key named. */
class JobFileTest {
    @TempDir Path dir;

    private JobRequest build(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("job.yaml"), yaml);
        return JobFile.read(file).applyTo(new RequestBuilder().audio("audio/a.wav", "a.wav").model("toy")).build();
    }

    private String refused(String yaml) {
        return assertThrows(InvalidRequestException.class, () -> build(yaml)).getMessage();
    }

    @Test
    void aPresetBuildsTheRequestItDescribes() throws IOException {
        JobRequest request = build("""
                version: 1
                prompts:
                  - {at: 0, text: "3D mesh geometry"}
                  - {at: 2.5, text: "a forest"}
                steps: 30
                seed: 7
                walk-length: 0.1pi
                method: img2img
                bends:
                  - rotate-r1@10=rms[0..2pi]
                  - {op: add, layer: "0-3", source: "flux[0..2]"}
                """);
        assertEquals(30, request.steps());
        assertEquals(7, request.seed());
        assertEquals(Method.IMG2IMG, request.method());
        assertEquals(0.1 * Math.PI, request.walkLength(), 1e-12);
        assertEquals(List.of(new PromptCue(0, "3D mesh geometry"), new PromptCue(2.5, "a forest")), request.prompts());
        assertEquals(List.of("rotate-r1@10=rms[0..2pi]", "add@0-3=flux[0..2]"), request.bends());
    }

    @Test
    void everyPresetBuildsARequest() throws IOException {
        List<Path> presets;
        try (Stream<Path> files = Files.list(Path.of("../../configs/presets"))) {
            presets = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(presets.isEmpty());
        for (Path preset : presets) {
            JobRequest request = JobFile.read(preset).applyTo(new RequestBuilder().audio("audio/a.wav", "a.wav")
                    .model("toy")).build();
            assertFalse(request.bends().isEmpty(), preset.toString());
            boolean identityPeak = !org.netbend.bend.IdentityPeaks.notes(request.bends().stream()
                    .map(org.netbend.bend.BendParser::parse).toList()).isEmpty();
            assertEquals(identityPeak, Files.readString(preset).contains("which is the identity"),
                    preset + ": a preset whose range peaks at the operator's identity says so in its comments");
        }
    }

    @Test
    void aFractionalStepCountIsRefusedNotRounded() {
        assertTrue(refused("prompt: a\nsteps: 5.7\n").endsWith("'steps' must be a whole number, got 5.7"));
    }

    @Test
    void aSeedTooLargeForSixtyFourBitsIsRefusedNotClamped() {
        assertTrue(refused("prompt: a\nseed: 1e23\n").contains("'seed' must be a whole number that fits in 64 bits"));
        assertTrue(refused("prompt: a\nseed: 100000000000000000000000\n").contains("'seed' must be a whole number"));
    }

    @Test
    void promptsGivenAsTextInsteadOfAListAreRefused() {
        assertTrue(refused("prompts: \"abc\"\n").contains("'prompts' must be a list of {at: SECONDS or M:SS, text: PROMPT}"));
    }

    @Test
    void aPromptTimeThatIsNotANumberIsRefused() {
        assertTrue(refused("prompts:\n  - {at: abc, text: x}\n").contains("'prompts[0].at' 'abc' is not a time; write seconds (12.5) or minutes:seconds (1:30, 0:07.5)"));
    }

    @Test
    void duplicateKeysAreRefused() {
        String message = refused("prompt: a\nsteps: 10\nsteps: 20\n");
        assertTrue(message.contains("not valid YAML") && message.contains("steps"), message);
    }

    @Test
    void severalDocumentsAreRefused() {
        assertTrue(refused("prompt: a\n---\nprompt: b\n").contains("holds 2 YAML documents"));
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        String message = refused("prompt: a\nstpes: 10\n");
        assertTrue(message.contains("'stpes' is not a known field; known: prompt, prompts"), message);
    }

    @Test
    void twoPromptsAtTheSameTimeAreRefused() {
        assertTrue(refused("prompts:\n  - {at: 0, text: a}\n  - {at: 0, text: b}\n").contains("two prompts at 0.0 s"));
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeItIsParsed() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "prompt: a\nnegative: \"" + "x".repeat((int) JobFile.MAX_BYTES) + "\"\n");
        String message = assertThrows(InvalidRequestException.class, () -> JobFile.read(big)).getMessage();
        assertTrue(message.contains("job files are at most 1048576 bytes"), message);
    }

    /** Ten levels of six-fold aliases would be 60 million entries if expanded. */
    @Test
    void aYamlBombIsRefusedWithoutBeingExpanded() {
        StringBuilder bomb = new StringBuilder("prompt: a\nnegative: x\nsteps: 10\nx:\n  a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append("  ").append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        String message = refused(bomb.toString());
        assertTrue(message.contains("'x' is not a known field"), message);
    }

    @Test
    void aFolderOrAMissingFileIsNamedAsSuch() {
        assertTrue(assertThrows(InvalidRequestException.class, () -> JobFile.read(dir)).getMessage()
                .endsWith("is a directory, not a job file"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> JobFile.read(dir.resolve("none.yaml")))
                .getMessage().endsWith("not found"));
    }

    @Test
    void aWrongVersionIsRefused() {
        assertTrue(refused("version: 2\nprompt: a\n").contains("'version' must be 1, got 2"));
    }

    @Test
    void everyPresetWrittenBackReadsAsTheSameSettingsAndWritesTheSameText() throws IOException {
        try (Stream<Path> presets = Files.list(Path.of("../../configs/presets"))) {
            List<Path> files = presets.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(files.isEmpty());
            for (Path preset : files) {
                JobFile read = JobFile.read(preset);
                String written = read.toYaml();
                JobFile again = JobFile.of(preset, written);
                assertEquals(read.root(), again.root(), preset.toString());
                assertEquals(written, again.toYaml(), preset.toString());
                JobRequest first = read.applyTo(new RequestBuilder().audio("audio/a.wav", "a.wav").model("toy")).build();
                JobRequest second = again.applyTo(new RequestBuilder().audio("audio/a.wav", "a.wav").model("toy")).build();
                assertEquals(first.jobId(), second.jobId(), "the same request: " + preset);
            }
        }
    }

    @Test
    void textFromOutsideIsHeldToTheSameRulesAsAFile() {
        InvalidRequestException twoDocuments = assertThrows(InvalidRequestException.class,
                () -> JobFile.of(Path.of("upload.yaml"), "steps: 5\n---\nsteps: 6\n"));
        assertTrue(twoDocuments.getMessage().contains("2 YAML documents"), twoDocuments.getMessage());
        InvalidRequestException notAMapping = assertThrows(InvalidRequestException.class,
                () -> JobFile.of(Path.of("upload.yaml"), "- a\n- b\n"));
        assertEquals("(file)", notAMapping.field(), notAMapping.getMessage()); // a top-level list is refused too
        assertEquals("job file upload.yaml: is a YAML list; a job file is a mapping of settings (prompt: ..., "
                + "bends: [...])", notAMapping.getMessage(), "a list is one document, not several");
    }
}
