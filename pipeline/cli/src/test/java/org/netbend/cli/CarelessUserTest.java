package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.store.S3ProxyServer;
import org.netbend.store.S3Settings;
import org.netbend.store.StoreException;
import org.netbend.store.Stores;

/**
 * What a careless (or hostile) user can do, one test each: every case ends in one line that names the problem,
 * before any work, and never destroys a file. The full renders (permissions, two renders at once) are in
 * {@link CarelessUserRenderIT}.
 */
class CarelessUserTest {
    private static final Duration NO_HANG = Duration.ofSeconds(120);

    @TempDir Path temp;

    private Path audio() throws Exception {
        return TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.2, 0.3, 0.2);
    }

    // --- outputs ---

    @Test
    void analyzeWithTheOutputOnItsOwnInputIsRefusedAndTheAudioKept() throws Exception {
        Path audio = audio();
        byte[] before = Files.readAllBytes(audio);
        for (String option : new String[] {"-o", "--csv", "--plot"}) {
            List<String> args = new ArrayList<>(List.of("analyze", audio.toString(), "-o", temp.resolve("f.json").toString()));
            if (option.equals("-o")) {
                args.set(3, audio.toString());
            } else {
                args.addAll(List.of(option, audio.toString()));
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertRefused(run, "is the input audio");
        }
        assertEquals(before.length, Files.readAllBytes(audio).length, "the input is untouched");
    }

    @Test
    void renderWithTheOutputOnItsInputVideoIsRefused() throws Exception {
        Path video = Files.copy(audio(), temp.resolve("in.mp4")); // FFmpeg reads it by content
        assertRefused(CliRun.of("render", video.toString(), "-p", "x", "-o", video.toString()), "is the input audio");
    }

    @Test
    void anOutputThatIsALinkToTheInputIsRefused() throws Exception {
        Path audio = audio();
        Path link = Files.createSymbolicLink(temp.resolve("link.json"), audio);
        assertRefused(CliRun.of("analyze", audio.toString(), "-o", link.toString()), "is the input audio");
    }

    @Test
    void thePlotAtTheSamePathAsTheJsonIsRefused() throws Exception {
        Path json = temp.resolve("f.json");
        assertRefused(CliRun.of("analyze", audio().toString(), "-o", json.toString(), "--plot", json.toString()),
                "are the same file");
        assertRefused(CliRun.of("analyze", audio().toString(), "-o", json.toString(), "--csv",
                temp.resolve("sub/../f.json").toString()), "are the same file");
        assertFalse(Files.exists(json), "nothing was written");
    }

    @Test
    void writingToAFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = mkfifo(temp.resolve("out.fifo"));
        Path audio = audio();
        assertTimeoutPreemptively(NO_HANG, () -> {
            assertRefused(CliRun.of("analyze", audio.toString(), "-o", fifo.toString()), "is not a regular file");
            assertRefused(CliRun.of("analyze", audio.toString(), "-o", temp.resolve("f.json").toString(),
                    "--plot", fifo.toString()), "is not a regular file");
            assertRefused(CliRun.of("gallery", "-p", "x", "--bend", "add@0=VALUES", "--values", "1", "-o",
                    fifo.toString()), "is not a regular file");
            assertRefused(CliRun.of("render", audio.toString(), "-p", "x", "-o", fifo.toString()),
                    "must end in .mp4");
        });
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(fifo), "still a FIFO");
    }

    @Test
    void writingOverADeviceIsRefused() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        assertRefused(CliRun.of("analyze", audio().toString(), "-o", "/dev/null"), "is not a regular file");
        assertRefused(CliRun.of("gallery", "-p", "x", "--bend", "add@0=VALUES", "--values", "1", "-o", "/dev/full"),
                "is not a regular file");
    }

    @Test
    void anOutputThatIsAFolderIsRefused() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("out.mp4"));
        assertRefused(CliRun.of("render", audio().toString(), "-p", "x", "-o", folder.toString()), "is a directory");
    }

    @Test
    void anOutputInAFolderThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "needs /proc, a folder no one may create files in");
        assertRefused(CliRun.of("render", audio().toString(), "-p", "x", "-o", "/proc/netbend-out.mp4"),
                "is not writable");
        assertRefused(CliRun.of("analyze", audio().toString(), "-o", "/proc/f.json"), "is not writable");
    }

    // --- inputs ---

    @Test
    void aFolderAsAudioIsCalledAFolder() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("album.wav"));
        // render takes a folder as an album; an empty one is refused by name (AlbumArgumentsTest has the rest)
        assertRefused(CliRun.of("render", folder.toString(), "-p", "x", "-o", temp.resolve("o.mp4").toString()),
                "holds no audio files");
        assertRefused(CliRun.of("analyze", folder.toString(), "-o", temp.resolve("f.json").toString()),
                "is a directory");
    }

    @Test
    void aFifoDevZeroOrDevNullAsAudioIsNotARegularFile() throws Exception {
        Path fifo = mkfifo(temp.resolve("in.fifo"));
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (String input : new String[] {fifo.toString(), "/dev/zero", "/dev/null"}) {
                assertRefused(CliRun.of("render", input, "-p", "x", "-o", temp.resolve("o.mp4").toString()),
                        "is not a regular file");
                assertRefused(CliRun.of("analyze", input, "-o", temp.resolve("f.json").toString()),
                        "is not a regular file");
            }
        });
    }

    @Test
    void aCleanOneSecondWavIsNotCalledTruncated() throws Exception {
        for (double seconds : new double[] {1, 2, 4}) {
            Path wav = TestAudio.writeWav(temp.resolve(seconds + ".wav"), new float[(int) (seconds * TestAudio.RATE)]);
            CliRun run = CliRun.of("analyze", wav.toString(), "-o", temp.resolve(seconds + ".json").toString());
            assertEquals(0, run.exitCode(), run.err());
            assertFalse(run.err().contains("truncated"), seconds + " s: " + run.err());
        }
    }

    @Test
    void aFloatWavHoldingNanIsRefusedNamingWhereAndNothingIsWritten() throws Exception {
        int rate = 44_100;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 4 * 2 * rate).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 8 * rate)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 3)
                .putShort((short) 1).putInt(rate).putInt(4 * rate).putShort((short) 4).putShort((short) 32)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 * rate);
        for (int i = 0; i < 2 * rate; i++) { // 2 s of a tone with 23 ms of NaN from 1.25 s
            b.putFloat(i >= 55_125 && i < 56_139 ? Float.NaN : (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        Path wav = Files.write(temp.resolve("nan.wav"), b.array());
        Path json = temp.resolve("nan.json");
        assertRefused(CliRun.of("analyze", wav.toString(), "-o", json.toString()), "sample at 1.250 s is NaN");
        assertFalse(Files.exists(json), "no features.json with NaN in it");
    }

    @Test
    void audioAtARateAacCannotTakeIsRefusedBeforeTheFirstFrame() throws Exception {
        Path wav = temp.resolve("500hz.wav");
        writeWavAt(wav, 500, 1.0);
        assertRefused(CliRun.of("render", wav.toString(), "-p", "x", "-o", temp.resolve("o.mp4").toString(),
                "--store", temp.resolve("store").toString()), "500 Hz cannot be used");
        assertFalse(Files.exists(temp.resolve("store/jobs")), "no job was started");
    }

    // --- limits ---

    @Test
    void framesTooLargeForMemoryAreRefusedWithBothFigures() throws Exception {
        CliRun run = CliRun.of("render", audio().toString(), "-p", "x", "--size", "16000x16000", "-o",
                temp.resolve("o.mp4").toString(), "--store", temp.resolve("store").toString(), "--model", "toy");
        assertRefused(run, "need about");
        assertTrue(run.err().matches("(?s).*need about [0-9.]+ GB.*but [0-9.]+ GB is available.*"), run.err());
    }

    @Test
    void moreSlotsThanALocalRenderRunsAreRefusedWithTheLimit() throws Exception {
        CliRun run = CliRun.of("render", audio().toString(), "-p", "x", "--parallelism", "100", "-o",
                temp.resolve("o.mp4").toString(), "--store", temp.resolve("store").toString(), "--model", "toy");
        assertRefused(run, "at most 32 slots");
    }

    @Test
    void atFileExpansionDoesNotReadOtherFiles() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "root:x:0:0:the secret line\n");
        CliRun run = CliRun.of("analyze", audio().toString(), "-o", temp.resolve("f.json").toString(),
                "--bend", "@" + secret);
        assertRefused(run, "@" + secret);
        assertFalse(run.err().contains("the secret line"), run.err());
    }

    @Test
    void escapeSequencesInABendAreEchoedEscaped() throws Exception {
        CliRun run = CliRun.of("analyze", audio().toString(), "-o", temp.resolve("f.json").toString(),
                "--bend", "\u001b[31mred\u0007@0=1");
        assertEquals(2, run.exitCode(), run.err());
        assertFalse(run.err().contains("\u001b") || run.err().contains("\u0007"), "no raw control characters");
        assertTrue(run.err().contains("\\u001B"), run.err());
    }

    @Test
    void aFortyKilobyteSpecIsEchoedCut() throws Exception {
        String huge = "add@0=rms" + "|median(5)".repeat(4000);
        CliRun run = CliRun.of("analyze", audio().toString(), "-o", temp.resolve("f.json").toString(), "--bend", huge);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().length() < 2 * Shown.LINE_LIMIT, "cut to a line: " + run.err().length() + " characters");
        assertTrue(run.err().contains("characters cut"), run.err());
    }

    @Test
    void aHugeRangeIsRefusedLikeAHugeConstant() throws Exception {
        CliRun constant = CliRun.of("analyze", audio().toString(), "-o", temp.resolve("f.json").toString(),
                "--bend", "add@0=1e300");
        CliRun range = CliRun.of("analyze", audio().toString(), "-o", temp.resolve("f.json").toString(),
                "--bend", "add@0=rms[1e300..1e300]");
        assertRefused(constant, "is not allowed");
        assertRefused(range, "is not allowed");
    }

    @Test
    void galleryCellsOutOfBoundsAreRefused() {
        for (String cell : new String[] {"100000", "0", "-5"}) {
            assertRefused(CliRun.of("gallery", "-p", "x", "--bend", "add@0=VALUES", "--values", "1", "--cell", cell,
                    "-o", temp.resolve("g.png").toString()), "--cell must be 16..1024");
        }
        assertRefused(CliRun.of("gallery", "-p", "x", "--bend", "add@0=VALUES", "--values", "0..1:200", "--cell",
                "1024", "-o", temp.resolve("g.png").toString()), "at most 16384 a side");
    }

    @Test
    void galleryLayersBeyondTheStepsAreRefused() {
        assertRefused(CliRun.of("gallery", "-p", "x", "--bend", "add@0=VALUES", "--values", "1", "--steps", "5",
                "--layers", "0,99", "-o", temp.resolve("g.png").toString()), "--layers");
    }

    // --- failures named ---

    @Test
    void anS3ServerThatIsDownIsNamedWithItsBucketAndRetriesAndNotCalledABug() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort(); // free now, and nothing listens once it is closed
        }
        StoreException failure = null;
        try {
            Stores.open("s3://frames/job", Map.of(S3Settings.ENV_ENDPOINT, "http://127.0.0.1:" + closed,
                    S3Settings.ENV_MAX_RETRIES, "1", S3Settings.ENV_ACCESS_KEY, "AKIDEXAMPLE",
                    S3Settings.ENV_SECRET_KEY, "secret-value-123")).close();
        } catch (StoreException e) {
            failure = e;
        }
        assertTrue(failure != null, "a store that is down cannot be opened");
        String line = Failures.message(new RuntimeException("job failed", failure));
        assertTrue(line.contains("127.0.0.1:" + closed) && line.contains("frames"), line);
        assertTrue(line.contains("after 2 attempts"), line);
        assertFalse(line.contains("secret-value-123"), "no secret in: " + line);
        assertTrue(Failures.isEnvironment(failure), "a store that is down is not a bug");
    }

    @Test
    void wrongS3CredentialsAreNamedWithTheServerAndBucketAndNotCalledABug() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start()) {
            Map<String, String> env = new HashMap<>(server.environment());
            env.put(S3Settings.ENV_SECRET_KEY, "not-the-secret-4711");
            env.put(S3Settings.ENV_MAX_RETRIES, "1");
            StoreException failure = null;
            try {
                Stores.open("s3://frames/job", env).close();
            } catch (StoreException e) {
                failure = e;
            }
            assertTrue(failure != null, "wrong credentials are found when the store is opened");
            String line = Failures.message(failure);
            assertTrue(line.contains(server.endpoint()) && line.contains("frames"), line);
            assertTrue(line.contains(S3Settings.ENV_ACCESS_KEY), "says what to check: " + line);
            assertFalse(line.contains("not-the-secret-4711"), "no secret in: " + line);
            assertTrue(Failures.isEnvironment(failure));
        }
    }

    @Test
    void aFullDiskOrReadOnlyFolderIsNamedWithItsPathAndNotCalledABug() {
        FileSystemException full = new FileSystemException("/videos/out.mp4", null, "No space left on device");
        assertEquals("/videos/out.mp4: no space left on device", Failures.message(full));
        assertTrue(Failures.isEnvironment(full));
        FileSystemException readOnly = new FileSystemException("/mnt/cd/out.mp4", null, "Read-only file system");
        assertTrue(Failures.message(readOnly).contains("/mnt/cd/out.mp4"));
        assertTrue(Failures.isEnvironment(readOnly));
        assertFalse(Failures.isEnvironment(new NullPointerException("a real defect")), "a defect stays a bug");
    }

    // --- job files and prompts ---

    private CliRun renderWithJob(String yaml) throws Exception {
        Path job = Files.writeString(temp.resolve("job.yaml"), yaml);
        return CliRun.of("render", audio().toString(), "--job", job.toString(), "-o", temp.resolve("v.mp4").toString());
    }

    @Test
    void aJobFileWithAFractionalStepCountIsRefusedNotRounded() throws Exception {
        assertRefused(renderWithJob("prompt: a\nsteps: 5.7\n"), "'steps' must be a whole number, got 5.7");
    }

    @Test
    void aJobFileWithASeedBeyondSixtyFourBitsIsRefusedNotClamped() throws Exception {
        assertRefused(renderWithJob("prompt: a\nseed: 1e23\n"), "'seed' must be a whole number that fits in 64 bits");
    }

    @Test
    void aJobFileWhosePromptsAreTextOrWhosePromptTimeIsNotANumberIsRefused() throws Exception {
        assertRefused(renderWithJob("prompts: \"abc\"\n"), "'prompts' must be a list");
        assertRefused(renderWithJob("prompts:\n  - {at: abc, text: x}\n"), "'prompts[0].at' 'abc' is not a time");
    }

    @Test
    void aJobFileWithADuplicateKeyOrSeveralDocumentsIsRefused() throws Exception {
        assertRefused(renderWithJob("prompt: a\nsteps: 10\nsteps: 20\n"), "steps");
        assertRefused(renderWithJob("prompt: a\n---\nprompt: b\n"), "holds 2 YAML documents");
    }

    @Test
    void aJobFileOverOneMebibyteIsRefusedBeforeItIsRead() throws Exception {
        assertRefused(renderWithJob("prompt: a\nnegative: \"" + "x".repeat(1 << 20) + "\"\n"),
                "job files are at most 1048576 bytes");
    }

    @Test
    void aJobFileThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = mkfifo(temp.resolve("job.yaml"));
        CliRun run = assertTimeoutPreemptively(NO_HANG, () -> CliRun.of("render", audio().toString(), "--job",
                fifo.toString(), "-o", temp.resolve("v.mp4").toString()));
        assertRefused(run, "is not a regular file");
    }

    @Test
    void aPromptTimedPastTheEndOfTheAudioIsRefused() throws Exception {
        assertRefused(CliRun.of("render", audio().toString(), "-p", "a", "--prompt-at", "30=b", "-o",
                temp.resolve("v.mp4").toString()), "past the end of the 0.70 s of audio");
    }

    @Test
    void twoPromptsAtTheSameTimeAreRefused() throws Exception {
        assertRefused(CliRun.of("render", audio().toString(), "-p", "a", "--prompt-at", "0.5=b", "--prompt-at",
                "0.5=c", "-o", temp.resolve("v.mp4").toString()), "--prompt-at gives two prompts at 0.500 s");
    }

    // --- helpers ---

    static void assertRefused(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), "exit code: " + run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("looks like a bug"), run.err());
        assertEquals(1, run.err().strip().lines().filter(l -> l.startsWith("netbend: ") && !l.contains("toy model"))
                .count(), "one line: " + run.err());
    }

    static Path mkfifo(Path path) throws Exception {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is needed");
        return path;
    }

    private static void writeWavAt(Path file, int rate, double seconds) throws Exception {
        int n = (int) (rate * seconds);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(n * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bytes.putShort((short) (8000 * Math.sin(2 * Math.PI * 50 * i / rate)));
        }
        javax.sound.sampled.AudioFormat format = new javax.sound.sampled.AudioFormat(rate, 16, 1, true, false);
        try (javax.sound.sampled.AudioInputStream in = new javax.sound.sampled.AudioInputStream(
                new java.io.ByteArrayInputStream(bytes.array()), format, n)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
