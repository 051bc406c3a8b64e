package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.StoredFrames;
import org.netbend.farm.TestAudio;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/**
 * The store's crash guarantee with frames put without a flush each (synced once per segment, before its chunk):
 * a render killed with SIGKILL in the middle of a segment, then run again, ends with exactly the frames of an
 * uninterrupted run, none lost or twice, and a video of all of them.
 */
class KilledRenderIT {
    private static final long DEADLINE_SECONDS = 900; // generous: the machine is shared
    private static final int FRAMES = 40;

    @TempDir Path temp;

    @Test
    void aRenderKilledMidSegmentResumesToExactlyTheFramesOfAnUninterruptedRun() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.6, 0.6, 0.8); // 2.0 s: 40 frames
        Path cache = temp.resolve("cache");
        Path killed = temp.resolve("killed-store");
        Path reference = temp.resolve("reference-store");

        Process first = CarelessUserRenderIT.start(args(audio, temp.resolve("k.mp4"), killed, cache), cache, temp.resolve("k.log"));
        String jobId;
        try {
            jobId = awaitJobId(first, temp.resolve("k.log"));
            JobKeys keys = new JobKeys(jobId);
            Path frames = killed.resolve(keys.framesPrefix());
            // Kill once a segment has frames but no chunk yet: its frames are written, not yet synced.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            int segment = -1;
            while (segment < 0) {
                assertTrue(first.isAlive(), "the first render ended before it could be killed mid-segment: "
                        + Files.readString(temp.resolve("k.log")));
                assertTrue(System.nanoTime() < deadline, "no segment was half rendered within " + DEADLINE_SECONDS + " s");
                for (int s = 0; s < FRAMES / 10 && segment < 0; s++) {
                    boolean someFrames = Files.exists(frames.resolve(String.format("%06d.png", s * 10 + 2)));
                    boolean chunk = chunkStored(killed.resolve(keys.chunksPrefix()), s);
                    if (someFrames && !chunk) {
                        segment = s;
                    }
                }
                Thread.sleep(5);
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the killed render did not exit within 60 s");
            assertTrue(!Files.exists(killed.resolve(keys.video())), "killed before the video was made");
        } finally {
            first.destroyForcibly();
        }

        CliRun again = CliRun.of(args(audio, temp.resolve("again.mp4"), killed, cache));
        assertEquals(0, again.exitCode(), again.err());
        CliRun uninterrupted = CliRun.of(args(audio, temp.resolve("ref.mp4"), reference, cache));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());
        StoredFrames.assertComplete(new LocalStore(reference), new LocalStore(killed), jobId, FRAMES, temp);
    }

    /** Whether segment {@code s}'s chunk is stored, whatever encoding its key names. */
    private static boolean chunkStored(Path chunks, int s) throws java.io.IOException {
        if (!Files.isDirectory(chunks)) {
            return false;
        }
        String name = String.format("%05d.", s);
        try (var files = Files.list(chunks)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(name));
        }
    }

    private static String[] args(Path audio, Path out, Path store, Path cache) {
        // 64 steps at 128x128 make a frame slow enough (tens of ms) to be caught mid-segment
        return new String[] {"render", audio.toString(), "-p", "3D mesh geometry", "--bend", "add@1=rms[0..2]",
            "-o", out.toString(), "--size", "128x128", "--steps", "64", "--store", store.toString(),
            "--cache", cache.toString(), "--model", "toy", "--segment-length", "10"};
    }

    private static String awaitJobId(Process process, Path log) throws Exception {
        Pattern job = Pattern.compile("netbend: job ([0-9a-f]{16}),");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (System.nanoTime() < deadline) {
            Matcher m = job.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m.group(1);
            }
            assertTrue(process.isAlive(), "the render ended before naming its job: " + Files.readString(log));
            Thread.sleep(20);
        }
        throw new AssertionError("the render did not name its job within " + DEADLINE_SECONDS + " s");
    }
}
