package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./netbend live: a headless run on the toy model, and its refusals (one line each, exit code 2). */
class LiveCommandTest {
    @TempDir Path temp;

    @Test
    void aHeadlessRunWritesFramesAndReportsFpsAndLatency() throws Exception {
        Path song = RenderedJobs.tone(temp.resolve("song.wav"), 1);
        Path frames = temp.resolve("frames");
        CliRun run = CliRun.of("live", song.toString(), "--headless", "-p", "3D mesh geometry", "--bend",
                "rotate-r1@0=rms[0..2pi]", "--size", "64x64", "--fps", "10", "--frames-out", frames.toString(),
                "--cache", temp.resolve("cache").toString(), "--model", "toy");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains(" fps; audio-to-frame latency p50 "), run.err());
        try (Stream<Path> files = Files.list(frames)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".jpg")), "at least one JPEG frame");
        }
    }

    @Test
    void anUnknownInputDeviceNamesTheOnesThereAre() {
        CliRun run = CliRun.of("live", "--input", "No Such Microphone", "-p", "x");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("no input device No Such Microphone; available: "), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void thePagesRefusalsComeBeforeAnythingStarts() throws Exception {
        Path song = RenderedJobs.tone(temp.resolve("song.wav"), 1);
        CliRun headless = CliRun.of("live", "--headless", "-p", "x");
        assertEquals(2, headless.exitCode(), headless.err());
        assertTrue(headless.err().contains("--headless needs AUDIO or --input NAME"), headless.err());
        CliRun open = CliRun.of("live", song.toString(), "-p", "x", "--host", "0.0.0.0");
        assertEquals(2, open.exitCode(), open.err());
        assertTrue(open.err().contains("is not a loopback address"), open.err());
        CliRun both = CliRun.of("live", song.toString(), "--input", "USB Audio", "-p", "x");
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("give AUDIO or --input NAME, not both"), both.err());
        CliRun tokens = CliRun.of("live", "-p", "x", "--new-token", "--token-file", song.toString());
        assertEquals(2, tokens.exitCode(), tokens.err());
        assertTrue(tokens.err().contains("not both"), tokens.err());
    }

    @Test
    void anUnknownControllerNumberIsRefusedBeforeAnythingOpens() throws Exception {
        Path song = RenderedJobs.tone(temp.resolve("song.wav"), 1);
        CliRun run = CliRun.of("live", song.toString(), "--headless", "-p", "x", "--bend",
                "multiply@0=cc300@ctl[1..2]");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("unknown controller number 300"), run.err());
    }

    @Test
    void aRecordingNeverOverwritesAnother() throws Exception {
        Path song = RenderedJobs.tone(temp.resolve("song.wav"), 1);
        Path take = Files.createDirectories(temp.resolve("take"));
        Files.writeString(take.resolve("session.yaml"), "version: 1\n");
        CliRun run = CliRun.of("live", song.toString(), "--headless", "-p", "x", "--record", take.toString(),
                "--size", "64x64", "--cache", temp.resolve("cache").toString(), "--model", "toy");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("is not empty"), run.err());
        assertEquals("version: 1\n", Files.readString(take.resolve("session.yaml")));
    }
}
