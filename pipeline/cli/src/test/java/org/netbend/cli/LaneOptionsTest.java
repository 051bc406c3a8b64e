package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;

/**
 * --lane on render and analyze, bend errors marked under the bend, m:ss prompt times and the gallery's count
 * syntax: everything refused before any work, in one line (plus the marked bend).
 */
class LaneOptionsTest {
    @TempDir Path temp;
    private Path audio;

    @BeforeEach
    void clip() throws Exception {
        audio = TestAudio.silenceBurstSilence(temp.resolve("clip.wav"), 0.3, 0.4, 0.3);
    }

    private CliRun render(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("render", audio.toString(), "-o",
                temp.resolve("out.mp4").toString(), "-p", "x", "--store", temp.resolve("store").toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The error's lines, without the notice about the default toy model. */
    private static List<String> errors(CliRun run) {
        return run.err().lines().filter(line -> !line.contains("using the built-in toy model")).toList();
    }

    @Test
    void aBadBendIsMarkedUnderTheBendAsTyped() {
        CliRun run = render("--bend", "rotate-r1@40 = rms[0..2pi] | gate(2)");
        assertEquals(2, run.exitCode(), run.err());
        List<String> lines = errors(run);
        assertTrue(lines.get(0).startsWith("netbend: --bend \"rotate-r1@40 = rms[0..2pi] | gate(2)\": modifier "
                + "'gate(2)': p must be in 0..1"), run.err());
        assertEquals("  rotate-r1@40 = rms[0..2pi] | gate(2)", lines.get(1));
        assertEquals("                               ^^^^^^^", lines.get(2));
        assertEquals(3, lines.size(), run.err());
    }

    @Test
    void aDeforumScheduleInABendSaysWhichLaneToGive() {
        CliRun run = render("--bend", "add@0=0:(0), 30:(2)");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is a Deforum keyframe schedule; a bend reads one as a lane: --lane add=\"0:(0), "
                + "30:(2)\" --bend \"add@0=lane:add\""), run.err());
        assertTrue(run.err().contains("       ^^^^^^^^^^^^^"), run.err());
    }

    @Test
    void aLaneIsCheckedPointByPointAndABendNeedsItsLane() {
        CliRun bad = render("--lane", "swell=0:(0), 0.5:(x)", "--bend", "add@40=lane:swell");
        assertEquals(2, bad.exitCode());
        assertEquals("netbend: --lane swell point 2 ('0.5:(x)'): value 'x' is not a number (expressions are not "
                + "evaluated)", String.join("\n", errors(bad)));
        CliRun missing = render("--lane", "swel=0:(0), 0.5:(1)", "--bend", "add@40=lane:swell");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("reads lane:swell, but no lane 'swell' was given (lanes given: swel;"),
                missing.err());
        CliRun twice = render("--lane", "swell=0:(0)", "--lane", "swell=0:(1)", "--bend", "add@40=lane:swell");
        assertEquals(List.of("netbend: --lane swell is given twice"), errors(twice));
    }

    @Test
    void renderAndSubmitShareTheLaneAndSchedulerOptions() {
        for (String command : new String[] {"render", "submit"}) {
            String help = CliRun.of(command, "--help").out();
            assertTrue(help.contains("--lane=NAME[:INTERP]=SCHEDULE"), command + ":\n" + help);
            assertTrue(help.contains("dpmpp_2m"), command + " names the scheduler aliases");
        }
        CliRun alias = render("--scheduler", "DPM++ 2M Karras", "--bend", "add@40=lane:nope");
        assertTrue(alias.err().contains("no lane 'nope' was given"), "the alias passed, the bend was checked next:\n"
                + alias.err());
    }

    @Test
    void promptTimesTakeMinutesAndSeconds() {
        // The clip is 1 s long: a prompt at 0:30 is 30 s, past its end, which says the time was read as 30 s.
        CliRun late = render("--prompt-at", "0:30=a forest");
        assertEquals(2, late.exitCode());
        assertTrue(late.err().contains("has a prompt at 30.0 s, past the end"), late.err());
        CliRun bad = render("--prompt-at", "0:75=a forest");
        assertTrue(bad.err().contains("--prompt-at must be SECONDS=TEXT or M:SS=TEXT, got '0:75=a forest'"), bad.err());
    }

    @Test
    void analyzeWritesAndPlotsTheLanes() throws Exception {
        Path json = temp.resolve("f.json");
        Path png = temp.resolve("f.png");
        CliRun run = CliRun.of("analyze", audio.toString(), "-o", json.toString(), "--plot", png.toString(),
                "--lane", "swell:step=0:(0), 0.5:(2)", "--lane", "drift:cubic=0:(0), 0:00.8:(1)",
                "--bend", "rotate-r1@40=max(rms,lane:swell)[0..pi]");
        assertEquals(0, run.exitCode(), run.err());
        FeatureTrack features = FeatureTrackIo.readJson(json);
        float[] swell = features.feature("lane:swell");
        for (int i = 0; i < features.frameCount(); i++) {
            assertEquals(i < 10 ? 0f : 2f, swell[i], "frame " + i + " at " + i / 20.0 + " s");
        }
        assertEquals(1f, features.feature("lane:drift")[19]);
        assertTrue(Files.size(png) > 10_000);
        CliRun unknown = CliRun.of("analyze", audio.toString(), "-o", json.toString(), "--bend", "add@40=lane:swell");
        assertEquals(2, unknown.exitCode());
        assertEquals("netbend: a bend reads lane:swell, but no --lane swell=SCHEDULE was given (lanes given: none)",
                unknown.err().strip());
        CliRun degrees = CliRun.of("analyze", audio.toString(), "-o", json.toString(), "--bend",
                "rotate-r1@40=rms[0..360]");
        assertEquals(0, degrees.exitCode(), degrees.err());
        assertTrue(degrees.err().contains("netbend: note: 'rotate-r1@40=rms[0..360]': the angle's range ends at 360 "
                + "radians, past a full turn; did you mean degrees? write 0..2pi or 0..360deg"), degrees.err());
    }

    @Test
    void theGalleryWarnsOnceAboutTheOldCountForm() {
        CliRun run = CliRun.of("gallery", "-p", "x", "--bend", "rotate-r1@every/SITE=VALUES", "--values", "0..pi/4",
                "--layers", "0", "--sites", "mid", "-o", temp.resolve("g.png").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("netbend: warning: --values '0..pi/4' reads as 4 values from 0 to pi; write "
                + "0..pi:4"), run.err());
        CliRun fresh = CliRun.of("gallery", "-p", "x", "--bend", "rotate-r1@every/SITE=VALUES", "--values", "0..pi:4",
                "--layers", "0", "--sites", "mid", "-o", temp.resolve("g.png").toString());
        assertFalse(fresh.err().contains("warning"), fresh.err());
    }
}
