package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;

/** The careless-user cases that need whole renders (see {@link CarelessUserTest} for the rest). */
class CarelessUserRenderIT {
    private static final long DEADLINE_SECONDS = 900; // generous: three JVMs share a loaded 2-core machine

    @TempDir Path temp;

    @Test
    void theVideoAndTheStoredAudioTrackGetTheUsualPermissionsNotOwnerOnly() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.2, 0.3, 0.2);
        Path out = temp.resolve("out.mp4");
        Path store = temp.resolve("store");
        CliRun run = CliRun.of(renderArgs(audio, out, store, temp.resolve("cache")));
        assertEquals(0, run.exitCode(), run.err());
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(temp.resolve("plain")));
        assertEquals(usual, Files.getPosixFilePermissions(out), "the video");
        try (Stream<Path> files = Files.walk(store)) {
            Path track = files.filter(p -> p.getFileName().toString().equals("audio.m4a")).findFirst().orElseThrow();
            assertEquals(usual, Files.getPosixFilePermissions(track), "the store's audio track");
        }
    }

    /**
     * Three processes render the same request at once, two into one store and one into another: all succeed, the
     * frames are byte-identical, and no run leaves its work folder (or Flink's or ONNX Runtime's files) behind.
     */
    @Test
    void twoRendersOfTheSameRequestAtOnceBothSucceedWithIdenticalFramesAndLeaveNoTemporaryFiles() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.2, 0.3, 0.2);
        Path cache = temp.resolve("cache");
        Path shared = temp.resolve("shared-store");
        Path other = temp.resolve("other-store");
        List<Process> runs = new ArrayList<>();
        try {
            runs.add(start(renderArgs(audio, temp.resolve("a.mp4"), shared, cache), cache, temp.resolve("a.log")));
            runs.add(start(renderArgs(audio, temp.resolve("b.mp4"), shared, cache), cache, temp.resolve("b.log")));
            runs.add(start(renderArgs(audio, temp.resolve("c.mp4"), other, cache), cache, temp.resolve("c.log")));
            for (int i = 0; i < runs.size(); i++) {
                Process p = runs.get(i);
                assertTrue(p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS),
                        "render " + i + " did not finish within " + DEADLINE_SECONDS + " s");
                assertEquals(0, p.exitValue(), "render " + i + ": " + Files.readString(temp.resolve("abc".charAt(i) + ".log")));
            }
        } finally {
            runs.forEach(Process::destroyForcibly);
        }
        List<Path> sharedFrames = frames(shared);
        List<Path> otherFrames = frames(other);
        assertEquals(14, sharedFrames.size());
        assertEquals(sharedFrames.size(), otherFrames.size());
        for (int i = 0; i < sharedFrames.size(); i++) {
            assertArrayEquals(Files.readAllBytes(sharedFrames.get(i)), Files.readAllBytes(otherFrames.get(i)),
                    "frame " + i);
        }
        try (Stream<Path> left = Files.list(cache.resolve("tmp"))) {
            assertEquals(List.of(), left.toList(), "every run removed its work folder");
        }
    }

    /**
     * Ctrl-C (SIGINT) during a render: exit 130 with a line that says what was kept and that the same command
     * resumes; it does, reusing every frame kept.
     */
    @Test
    void ctrlCSaysWhatWasKeptAndTheSameCommandResumes() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("long.wav"), 2.0, 8.0, 10.0); // 400 frames
        Path cache = temp.resolve("cache");
        Path store = temp.resolve("store");
        String[] args = renderArgs(audio, temp.resolve("long.mp4"), store, cache);
        Process p = start(args, cache, temp.resolve("stopped.log"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            while (!Files.isDirectory(store.resolve("jobs")) || frames(store).size() < 2) {
                assertTrue(p.isAlive(), "the render ended before it was stopped: " + Files.readString(
                        temp.resolve("stopped.log")));
                assertTrue(System.nanoTime() < deadline, "waited " + DEADLINE_SECONDS + " s for two stored frames");
                Thread.sleep(100);
            }
            // 400 frames take far longer than this check; should a machine be that fast, there is nothing to stop.
            Assumptions.assumeTrue(p.isAlive(), "the render ended before it could be stopped");
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the render did not stop within 120 s of Ctrl-C");
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(temp.resolve("stopped.log"));
        assertEquals(130, p.exitValue(), log);
        assertTrue(log.contains("netbend: stopped. The frames rendered so far stay in local store ")
                && log.contains("; running the same command again resumes from them."), log);
        List<Path> kept = frames(store);
        List<Long> keptTimes = new ArrayList<>();
        for (Path frame : kept) {
            keptTimes.add(Files.getLastModifiedTime(frame).toMillis());
        }

        CliRun again = CliRun.of(args);
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(400, frames(store).size(), "20 s at the default 20 fps");
        assertTrue(kept.size() < 400, "the first run was stopped before its end: " + kept.size() + " frames");
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(keptTimes.get(i), Files.getLastModifiedTime(kept.get(i)).toMillis(), "kept " + kept.get(i));
        }
    }

    private static String[] renderArgs(Path audio, Path out, Path store, Path cache) {
        return new String[] {"render", audio.toString(), "-p", "3D mesh geometry", "--bend", "add@1=rms[0..2]",
            "-o", out.toString(), "--size", "64x64", "--steps", "4", "--store", store.toString(),
            "--cache", cache.toString(), "--model", "toy", "--segment-length", "5"};
    }

    /** netbend's main in its own JVM, with NETBEND_CACHE set as the launcher's user would. */
    static Process start(String[] args, Path cache, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
                        cache.resolve("javacpp").toString()),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("NETBEND_CACHE", cache.toString());
        return builder.start();
    }

    private static List<Path> frames(Path store) throws Exception {
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(p -> p.toString().contains("/frames/") && p.toString().endsWith(".png")).sorted().toList();
        }
    }
}
