package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.bend.BendParser;
import org.netbend.job.JobRequest;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.plan.ParameterTracks;

/**
 * render --lane end to end on a MiniCluster: a step lane drives a bend, features.json holds the lane frame by frame,
 * the bend's parameter track follows it, the frames before the step are bit-identical to the unbent render and the
 * frames after it are bent; the lane is in request.json and in the job id.
 */
class RenderLaneIT {
    @TempDir Path temp;

    @Test
    void aLaneDrivesABendFrameByFrame() throws Exception {
        // 2 s at 20 fps, 40 frames; the lane steps from 0 to 1 at 1 s (frame 20), a steady tone underneath.
        Path song = RenderedJobs.tone(temp.resolve("song.wav"), 2);
        Path store = temp.resolve("store");
        List<String> common = List.of("-p", "3D mesh geometry", "--size", "64x64", "--steps", "10",
                "--store", store.toString(), "--cache", temp.resolve("cache").toString(), "--segment-length", "20");
        String plain = render(song, common, "plain.mp4");
        List<String> driven = new ArrayList<>(common);
        String bend = "multiply@5=lane:swell[1..1.5]";
        driven.addAll(List.of("--lane", "swell:step=0:(0), 0:01:(1)", "--bend", bend));
        String laned = render(song, driven, "laned.mp4");
        assertNotEquals(plain, laned);

        Path job = store.resolve("jobs").resolve(laned);
        FeatureTrack features = FeatureTrackIo.readJson(job.resolve("features.json"));
        float[] lane = features.feature("lane:swell");
        double[] parameter = ParameterTracks.compute(features, BendParser.parse(bend).sources().get(0));
        for (int frame = 0; frame < 40; frame++) {
            assertEquals(frame < 20 ? 0f : 1f, lane[frame], "the lane in features.json at frame " + frame);
            assertEquals(frame < 20 ? 1.0 : 1.5, parameter[frame], 1e-12, "the bend's parameter at frame " + frame);
        }
        JobRequest request = JobRequest.fromJson(Files.readString(job.resolve("request.json")));
        assertEquals(laned, request.jobId(), "the lane is part of the stored request and of its id");
        assertEquals(2, request.lanes().get("swell").points().size());

        Path plainFrames = store.resolve("jobs").resolve(plain).resolve("frames");
        Path lanedFrames = job.resolve("frames");
        for (int frame = 0; frame < 40; frame++) {
            byte[] a = Files.readAllBytes(plainFrames.resolve(String.format("%06d.png", frame)));
            byte[] b = Files.readAllBytes(lanedFrames.resolve(String.format("%06d.png", frame)));
            if (frame < 20) {
                assertArrayEquals(a, b, "frame " + frame + ": the lane is 0, multiply by 1");
            } else {
                assertFalse(Arrays.equals(a, b), "frame " + frame + ": the lane is 1, multiply by 1.5");
            }
        }
    }

    /** Renders and returns the job id it printed. */
    private String render(Path audio, List<String> options, String output) {
        return RenderedJobs.render(temp, audio, options, output);
    }
}
