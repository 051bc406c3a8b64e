package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import picocli.CommandLine;

/**
 * How the command line combines with a job file's bends (--bend replaces them, --add-bend adds to them, and the
 * line that lists a render's bends says which), and --seed -1: a seed drawn, said and recorded, so its job id can
 * be made again.
 */
class RequestChoicesTest {
    private static final String JOB = "../../configs/presets/paper-fig2-add.yaml"; // bends: add@20=rms[0..5]|median(5)
    @TempDir static Path dir;
    static Path audio;

    @BeforeAll
    static void audio() throws Exception {
        audio = TestAudio.silenceBurstSilence(dir.resolve("drums.wav"), 0.2, 0.2, 0.2);
    }

    private record Built(TrackOptions.TrackRequest request, String err) { }

    private static Built build(String... options) throws Exception {
        RenderCommand render = new RenderCommand();
        List<String> args = new ArrayList<>(List.of(audio.toString(), "-o", dir.resolve("o.mp4").toString()));
        args.addAll(List.of(options));
        new CommandLine(render).parseArgs(args.toArray(String[]::new));
        StringWriter err = new StringWriter();
        List<TrackOptions.TrackRequest> built = render.track.requests(render.track.tracks().tracks(), "toy",
                new PrintWriter(err, true));
        return new Built(built.get(0), err.toString());
    }

    @Test
    void bendOnTheCommandLineReplacesTheJobFilesBends() throws Exception {
        Built fromFile = build("--job", JOB);
        assertEquals(1, fromFile.request().request().bends().size());
        assertTrue(fromFile.request().bendsLine().startsWith("netbend: bends (job file paper-fig2-add.yaml): add"),
                fromFile.request().bendsLine());

        Built replaced = build("--job", JOB, "--bend", "multiply@40=2");
        assertEquals(List.of("multiply@40=2"), replaced.request().request().bends().stream()
                .map(b -> b.replaceAll("\\(2(\\.0)?\\)", "=2")).map(b -> b.startsWith("multiply") ? "multiply@40=2" : b)
                .toList(), "only the command line's bend");
        assertTrue(replaced.request().bendsLine().contains("(--bend, replacing the bends of the job file "
                + "paper-fig2-add.yaml)"), replaced.request().bendsLine());

        Built added = build("--job", JOB, "--add-bend", "multiply@40=2");
        List<String> bends = added.request().request().bends();
        assertEquals(2, bends.size());
        assertEquals(fromFile.request().request().bends().get(0), bends.get(0), "the job file's bend first");
        assertTrue(bends.get(1).startsWith("multiply"), bends.toString());
        assertTrue(added.request().bendsLine().contains("(job file paper-fig2-add.yaml, then --add-bend)"),
                added.request().bendsLine());

        assertEquals("netbend: no bends: the frames follow the prompts and the noise walk only",
                build("-p", "a forest").request().bendsLine());
    }

    @Test
    void seedMinusOneDrawsASeedThatIsSaidAndRecorded() throws Exception {
        Built random = build("-p", "a forest", "--seed", "-1");
        Matcher drawn = Pattern.compile("drew seed (\\d+) \\(recorded in the request; --seed \\1 renders the same "
                + "frames again\\)").matcher(random.err());
        assertTrue(drawn.find(), random.err());
        long seed = Long.parseLong(drawn.group(1));
        assertEquals(seed, random.request().request().seed(), "the request records the drawn seed");
        assertTrue(seed >= 0 && seed < 1L << 32, "a seed in 0..2^32-1, as A1111 draws: " + seed);

        Built again = build("-p", "a forest", "--seed", Long.toString(seed));
        assertEquals(random.request().request().jobId(), again.request().request().jobId(),
                "the job id is reproducible from the printed seed");
        assertTrue(again.err().isEmpty(), again.err());
        assertNotEquals(build("-p", "a forest").request().request().jobId(), again.request().request().jobId());
    }

    /** A range whose peak is a full turn is noted in one line by analyze --plot (render prints the same line). */
    @Test
    void analyzePlotNotesARangeThatPeaksAtTheIdentity() {
        CliRun run = CliRun.of("analyze", audio.toString(), "-o", dir.resolve("f.json").toString(), "--plot",
                dir.resolve("f.png").toString(), "--bend", "rotate-r1@40=rms[0..2pi]", "--bend", "add@2=rms[0..2]");
        assertEquals(0, run.exitCode(), run.err());
        List<String> notes = run.err().lines().filter(line -> line.startsWith("netbend: note: ")).toList();
        assertEquals(1, notes.size(), run.err());
        assertTrue(notes.get(0).contains("'rotate-r1@40=rms[0..2pi]': the peak of rms maps to 2pi, a full turn"),
                notes.get(0));
    }
}
