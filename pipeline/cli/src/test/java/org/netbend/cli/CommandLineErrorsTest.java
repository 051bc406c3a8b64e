package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;

/** Bad input gets one line naming the problem, a non-zero exit, and no stack trace. */
class CommandLineErrorsTest {
    @TempDir Path temp;

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"render", "analyze", "gallery"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("Usage: netbend " + command), run.out());
        }
        CliRun top = CliRun.of("--help");
        assertEquals(0, top.exitCode());
        assertTrue(top.out().contains("render") && top.out().contains("analyze") && top.out().contains("gallery"));
    }

    @Test
    void missingAudioFileIsNamed() {
        CliRun run = CliRun.of("render", temp.resolve("nope.wav").toString(), "-p", "x", "-o",
                temp.resolve("o.mp4").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("audio file not found") && run.err().contains("nope.wav"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertNoStackTrace(run);
    }

    @Test
    void audioThatIsNotAudioIsNamed() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.wav"), "this is not a wave file");
        CliRun run = CliRun.of("render", text.toString(), "-p", "x", "-o", temp.resolve("o.mp4").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("notes.wav"), run.err());
        assertFalse(run.err().contains("setFormat") || run.err().contains("FFmpegLogCallback"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void noPromptIsSaidInOneGrammaticalLine() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.1, 0.1, 0.1);
        CliRun run = CliRun.of("render", audio.toString(), "-o", temp.resolve("o.mp4").toString(), "--model", "toy");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("netbend: the prompt timeline (-p, --prompt-at) needs a prompt: give one with "
                + "-p TEXT"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void unknownOperatorListsTheKnownOnes() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.1, 0.1, 0.1);
        CliRun run = CliRun.of("render", audio.toString(), "-p", "x", "--bend", "frobnicate@40=rms",
                "-o", temp.resolve("o.mp4").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("frobnicate") && run.err().contains("rotate-r1"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void badSizeAndOutputAreNamed() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.1, 0.1, 0.1);
        CliRun size = CliRun.of("render", audio.toString(), "-p", "x", "--size", "100x7", "-o",
                temp.resolve("o.mp4").toString());
        assertEquals(2, size.exitCode());
        assertTrue(size.err().contains("--size"), size.err());
        CliRun output = CliRun.of("render", audio.toString(), "-p", "x", "-o", temp.resolve("o.avi").toString());
        assertEquals(2, output.exitCode());
        assertTrue(output.err().contains("--output must end in .mp4"), output.err());
        CliRun folder = CliRun.of("render", audio.toString(), "-p", "x", "-o", temp.resolve("missing/o.mp4").toString());
        assertEquals(2, folder.exitCode());
        assertTrue(folder.err().contains("folder does not exist"), folder.err());
    }

    @Test
    void layerBeyondTheStepsIsRefused() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.1, 0.1, 0.1);
        CliRun run = CliRun.of("render", audio.toString(), "-p", "x", "--steps", "20", "--bend", "add@40=rms",
                "-o", temp.resolve("o.mp4").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("40") && run.err().contains("20"), run.err());
        CliRun chain = CliRun.of("render", audio.toString(), "-p", "x", "--method", "img2img", "--bend", "add@30=rms",
                "-o", temp.resolve("o.mp4").toString());
        assertEquals(2, chain.exitCode());
        assertTrue(chain.err().contains("runs only the last int(strength * steps) = 25 of the 50 steps")
                && chain.err().contains("layer 30 of the full schedule is layer 15 here"), chain.err());
    }

    @Test
    void unknownSiteIsRefusedBeforeRenderingWithTheModelsSites() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.1, 0.1, 0.1);
        CliRun run = CliRun.of("render", audio.toString(), "-p", "x", "--model", "toy", "--cache",
                temp.resolve("cache").toString(), "--bend", "multiply@every/mid.attn.3=rms[1..3]",
                "-o", temp.resolve("o.mp4").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("unknown site 'mid.attn.3'; this model's sites: down.0,"), run.err());
        assertFalse(java.nio.file.Files.exists(temp.resolve("o.mp4")));
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("render", "a.wav", "-o", "a.mp4", "--frobnicate");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--frobnicate"), run.err());
    }

    @Test
    void galleryNeedsValuesPlaceholder() {
        CliRun run = CliRun.of("gallery", "-p", "x", "--bend", "add@10=1", "--values", "0..1:3", "-o",
                temp.resolve("g.png").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("VALUES"), run.err());
    }

    @Test
    void galleryWritesTheFormatItsNameSays() {
        assertEquals("png", GalleryCommand.imageFormat(temp.resolve("grid.PNG")));
        assertEquals("jpg", GalleryCommand.imageFormat(temp.resolve("grid.jpeg")));
        CliRun run = CliRun.of("gallery", "-p", "x", "--bend", "add@0=VALUES", "--values", "1", "-o",
                temp.resolve("grid.gif").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--output must end in .png or .jpg"), run.err());
        assertFalse(Files.exists(temp.resolve("grid.gif")), "nothing written");
    }

    private static void assertNoStackTrace(CliRun run) {
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose:\n" + run.err());
        assertFalse(run.err().contains("Exception"), "no exception class names without --verbose:\n" + run.err());
    }
}
