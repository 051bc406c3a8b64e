package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;

/**
 * render and submit refuse a bend on a stem or MIDI channel the request does not supply, and bad --stem/--midi
 * arguments, with one line (exit 2) before any work: nothing is written to the store.
 */
class SourceRefusalsTest {
    /** Frames too large for the machine's memory: refused after the request is built, before any work. */
    private static final String TOO_LARGE = "16384x16384";

    @TempDir Path temp;
    private Path audio;
    private Path drums;

    @BeforeEach
    void audio() throws Exception {
        audio = TestAudio.silenceBurstSilence(temp.resolve("song.wav"), 0.1, 0.2, 0.2);
        drums = TestAudio.silenceBurstSilence(temp.resolve("drums.wav"), 0.2, 0.1, 0.2);
    }

    private CliRun render(String... more) {
        List<String> args = new ArrayList<>(List.of("render", audio.toString(), "-p", "x",
                "--store", temp.resolve("store").toString(), "--cache", temp.resolve("cache").toString()));
        args.addAll(List.of(more));
        if (!args.contains("-o")) {
            args.addAll(List.of("-o", temp.resolve("o.mp4").toString()));
        }
        if (!args.contains("--size")) {
            args.addAll(List.of("--size", "64x64"));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    private String refused(CliRun run) {
        assertEquals(2, run.exitCode(), run.err());
        // The toy-model notice may come first; the refusal itself is one line.
        List<String> lines = run.err().strip().lines().filter(l -> !l.contains("built-in toy model")).toList();
        assertEquals(1, lines.size(), "one line: " + run.err());
        String line = lines.get(0);
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
        assertFalse(Files.exists(temp.resolve("store")), "refused before any work: " + line);
        return line;
    }

    private void expect(CliRun run, String text) {
        String line = refused(run);
        assertTrue(line.contains(text), line);
    }

    @Test
    void aBendOnAStemThatWasNotGivenNamesTheBendAndTheStem() {
        String line = refused(render("--bend", "multiply@40=rms@drums[1..2]"));
        assertTrue(line.contains("bend 0 'multiply@40=rms@drums[1..2]' reads rms@drums, but no stem 'drums' was "
                + "given (stems given: none; --stem drums=FILE"), line);
        String other = refused(render("--stem", "bass=" + drums, "--bend", "add@40=flux", "--bend", "add@30=onset@drums"));
        assertTrue(other.contains("bend 1 'add@30=onset@drums") && other.contains("stems given: bass"), other);
    }

    @Test
    void aBendOnMidiWithoutAMidiFileSaysSo() {
        String line = refused(render("--bend", "rotate-r1@45=note@ch1[0..pi]"));
        assertTrue(line.contains("bend 0 'rotate-r1@45=note@ch1[0..pi]' reads note@ch1, but no MIDI file was given"
                + " (--midi FILE"), line);
    }

    @Test
    void theSeparatedPartsNeedNoFileSoTheyAreNotRefusedForIt() {
        // Refused later, by the memory check after the request is built, never for a missing stem.
        expect(render("--bend", "add@40=onset@percussive", "--size", TOO_LARGE), "need about");
    }

    @Test
    void badStemAndMidiArgumentsAreOneLineEach() throws Exception {
        Path notAudio = Files.writeString(temp.resolve("notes.txt"), "not audio at all");
        Path notMidi = Files.writeString(temp.resolve("piece.mid"), "not a MIDI file");
        expect(render("--stem", "drums"), "--stem must be NAME=FILE");
        expect(render("--stem", "Drums=" + drums), "--stem name 'Drums' must be 1..32");
        expect(render("--stem", "ch1=" + drums), "not ch1..ch16");
        expect(render("--stem", "drums=" + drums, "--stem", "drums=" + drums), "--stem drums is given twice");
        expect(render("--stem", "drums=" + temp.resolve("gone.wav")), "stem drums: file not found: ");
        expect(render("--stem", "drums=" + temp), "is a directory");
        expect(render("--stem", "drums=" + notAudio), "netbend: stem drums: ");
        expect(render("--midi", temp.resolve("gone.mid").toString()), "MIDI file not found");
        expect(render("--midi", notMidi.toString()), "not a readable MIDI file");
    }

    @Test
    void theVideoIsNeverWrittenOverAStem() throws Exception {
        Path stem = temp.resolve("drums.mp4");
        Files.copy(drums, stem);
        expect(render("--stem", "drums=" + stem, "-o", stem.toString()), "is stem drums; netbend never overwrites its input");
        assertTrue(Files.size(stem) > 1000);
    }

    @Test
    void aJobFileNamesItsStemsBesideItselfAndTheCommandLineWins() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("jobs"));
        Path job = Files.writeString(folder.resolve("job.yaml"), """
                version: 1
                stems: {drums: missing.wav}
                bends: ["multiply@40=rms@drums[1..2]"]
                """);
        String line = refused(render("--job", job.toString()));
        assertTrue(line.contains("stem drums: file not found: " + folder.resolve("missing.wav")), line);
        Files.copy(drums, folder.resolve("missing.wav"));
        // The stem beside the job file is found: the render is refused only later, by the memory check.
        expect(render("--job", job.toString(), "--size", TOO_LARGE), "need about");
    }

    @Test
    void submitRefusesTheSameWayBeforeItContactsTheService() {
        CliRun run = CliRun.of("submit", audio.toString(), "-p", "x", "--bend", "add@40=velocity@ch2",
                "--store", temp.resolve("store").toString(), "--bootstrap", "127.0.0.1:9", "--model", "toy");
        String line = refused(run);
        assertTrue(line.contains("reads velocity@ch2, but no MIDI file was given"), line);
    }

    /**
     * More stems than a track takes are refused before any file is opened: the stems named here do not exist, so
     * a check that opened them first would say "file not found" instead.
     */
    @Test
    void moreThanSixteenStemsAreRefusedBeforeAnyFileIsOpened() {
        for (int count : new int[] {17, 10_000}) {
            List<String> flags = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                flags.add("--stem");
                flags.add("s" + i + "=" + temp.resolve("missing-" + i + ".wav"));
            }
            expect(render(flags.toArray(String[]::new)), "--stem is given " + count + " times; a track has at most 16 stems");
            CliRun submit = CliRun.of(concat(List.of("submit", audio.toString(), "-p", "x", "--store",
                    temp.resolve("store").toString(), "--bootstrap", "127.0.0.1:9", "--model", "toy"), flags));
            expect(submit, "--stem is given " + count + " times");
        }
    }

    @Test
    void aJobFilesStemsCountWithTheCommandLinesAgainstTheCap() throws Exception {
        StringBuilder stems = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            stems.append(i == 0 ? "" : ", ").append("j").append(i).append(": missing-j").append(i).append(".wav");
        }
        Path job = Files.writeString(temp.resolve("job.yaml"), "version: 1\nstems: {" + stems + "}\n");
        List<String> flags = new ArrayList<>(List.of("--job", job.toString()));
        for (int i = 0; i < 7; i++) {
            flags.add("--stem");
            flags.add("c" + i + "=" + temp.resolve("missing-c" + i + ".wav"));
        }
        expect(render(flags.toArray(String[]::new)), "the job file's stems and --stem make 17 stems");
    }

    private static String[] concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(String[]::new);
    }
}
