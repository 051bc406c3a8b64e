package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.job.JobRequest;
import org.netbend.job.Preview;

/**
 * render --preview end to end on a MiniCluster: a job of its own with every k-th frame, each the frame the full
 * render at the preview's steps shows at that time (bit for bit), and the full render untouched by it.
 */
class RenderPreviewIT {
    @TempDir Path temp;

    @Test
    void aPreviewRendersEveryKthFrameAtItsTimeAndLeavesTheFullRenderAlone() throws Exception {
        // 2 s at 20 fps: 40 frames; the burst in the middle moves the bend's parameter.
        Path song = TestAudio.silenceBurstSilence(temp.resolve("song.wav"), 0.6, 0.8, 0.6);
        Path store = temp.resolve("store");
        List<String> common = List.of("-p", "3D mesh geometry", "--size", "64x64", "--store", store.toString(),
                "--cache", temp.resolve("cache").toString(), "--segment-length", "8");
        String full = render(song, common, List.of("--steps", "8", "--bend", "rotate-r1@4=rms[0..pi]"), "full.mp4");
        byte[][] before = frames(store, full);
        assertEquals(40, before.length);

        CliRun previewRun = CliRun.of(args(song, common, List.of("--steps", "8", "--bend", "rotate-r1@4=rms[0..pi]",
                "--preview=4,2"), "preview.mp4"));
        assertEquals(0, previewRun.exitCode(), previewRun.err());
        assertTrue(previewRun.err().contains("preview: every 4th frame, 2 steps"), previewRun.err());
        assertTrue(previewRun.err().contains("rotate-r1@1=rms[0..pi]"), "layer 4 of 8 is layer 1 of 2: "
                + previewRun.err());
        String preview = jobOf(previewRun);
        assertNotEquals(full, preview, "a preview is its own job, under its own prefix");
        byte[][] shown = frames(store, preview);
        assertEquals(10, shown.length, "frames 0, 4, ..., 36 of 40");
        assertTrue(Files.size(temp.resolve("preview.mp4")) > 0, "its video, at 20 / 4 fps");
        JobRequest request = JobRequest.fromJson(Files.readString(store.resolve("jobs").resolve(preview)
                .resolve("request.json")));
        assertEquals(new Preview(4, 0), request.preview());
        assertEquals(preview, request.jobId(), "the preview's id is its stored request's");

        // The same look rendered whole at the preview's steps: its frame 4n is the preview's frame n.
        String reference = render(song, common, List.of("--steps", "2", "--bend", "rotate-r1@1=rms[0..pi]"),
                "reference.mp4");
        byte[][] whole = frames(store, reference);
        for (int n = 0; n < shown.length; n++) {
            assertArrayEquals(whole[4 * n], shown[n], "preview frame " + n + " is frame " + (4 * n) + ", at "
                    + (4 * n / 20.0) + " s");
        }
        assertTrue(!java.util.Arrays.equals(shown[0], shown[4]), "the burst (frames 12..27) bends the look");

        // The full render is as it was: the same job, finished, its frames untouched.
        CliRun again = CliRun.of(args(song, common, List.of("--steps", "8", "--bend", "rotate-r1@4=rms[0..pi]"),
                "full-again.mp4"));
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(full, jobOf(again));
        assertTrue(again.err().contains("nothing renders"), again.err());
        byte[][] after = frames(store, full);
        for (int f = 0; f < before.length; f++) {
            assertArrayEquals(before[f], after[f], "full frame " + f);
        }
    }

    private String render(Path song, List<String> common, List<String> extra, String output) {
        List<String> options = new ArrayList<>(common);
        options.addAll(extra);
        return RenderedJobs.render(temp, song, options, output);
    }

    private String[] args(Path song, List<String> common, List<String> extra, String output) {
        List<String> args = new ArrayList<>(List.of("render", song.toString(), "-o", temp.resolve(output).toString()));
        args.addAll(common);
        args.addAll(extra);
        return args.toArray(String[]::new);
    }

    private static String jobOf(CliRun run) {
        java.util.regex.Matcher job = java.util.regex.Pattern.compile("netbend: job ([0-9a-f]{16})").matcher(run.err());
        assertTrue(job.find(), run.err());
        return job.group(1);
    }

    private static byte[][] frames(Path store, String jobId) throws IOException {
        try (Stream<Path> files = Files.list(store.resolve("jobs").resolve(jobId).resolve("frames"))) {
            List<Path> sorted = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
            byte[][] bytes = new byte[sorted.size()][];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = Files.readAllBytes(sorted.get(i));
            }
            return bytes;
        }
    }
}
