package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.job.JobRequest;
import org.netbend.job.LaneFields;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.plan.LaneTracks;
import org.netbend.plan.ParameterTracks;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/** PLAN without Flink: which features it analyses and stores, and the parameters the segments carry. */
class JobPlannerTest {
    /** A bend on a feature outside the plot's overview, one on a combination, and the same bend twice. */
    private static final List<String> BENDS = List.of("rotate-r1@1=mfcc_3[0..2pi]", "add@2=max(beat,rms)[0..2]",
            "add@2=max(beat,rms)[0..2]");

    @TempDir
    Path dir;

    @Test
    void analysesOnlyWhatTheBendsReadPlusTheOverviewAndTheParametersMatchAFullAnalysis() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(dir.resolve("track.wav"), 0.5, 1.0, 0.6);
        List<Segment> segments;
        FeatureTrack stored;
        try (LocalStore store = new LocalStore(dir.resolve("store"))) {
            JobRequest request = Jobs.img2img(store, audio, BENDS, 7, 3);
            segments = new JobPlanner(store, dir.resolve("work")).plan(request);
            JobKeys keys = new JobKeys(request.jobId());
            stored = FeatureTrackIo.fromJson(store.get(keys.features()).orElseThrow());
            assertTrue(store.exists(keys.featuresPlot()), "features.png stored");
        }
        assertEquals(List.of("rms", "centroid", "flux", "beat", "low", "mid", "high", "mfcc_3"),
                List.copyOf(stored.features().keySet()), "features.json holds the selection, in canonical order");

        // The parameters equal those computed from a full analysis, frame by frame.
        FeatureTrack full = AudioAnalyzer.analyze(audio, AnalysisOptions.defaults(10));
        int frames = full.frameCount();
        assertEquals(21, frames, "2.1 s at 10 fps");
        List<BendSpec> bends = BENDS.stream().map(BendParser::parse).toList();
        List<double[]> expected = new ArrayList<>();
        for (BendSpec bend : bends) {
            expected.add(ParameterTracks.compute(full, bend.sources().get(0)));
        }
        int next = 0;
        for (Segment segment : segments) {
            assertEquals(next, segment.firstFrame(), "segments are contiguous");
            assertEquals(Math.min(3, segment.firstFrame()), segment.warmUpFrames());
            for (int frame = segment.renderFrom(); frame < segment.endFrame(); frame++) {
                double[][] params = segment.paramsOf(frame);
                assertEquals(3, params.length);
                for (int b = 0; b < 3; b++) {
                    assertArrayEquals(new double[] {expected.get(b)[frame]}, params[b], 0, "bend " + b + " frame " + frame);
                }
            }
            next = segment.endFrame();
        }
        assertEquals(frames, next);
        assertEquals(3, segments.size(), "21 frames in segments of 7");
        double[] rotation = expected.get(0);
        assertTrue(max(rotation) > 6 && min(rotation) == 0, "mfcc_3 drives the rotation over its whole range");
    }

    @Test
    void aLaneInBeatsFollowsTheTempoEstimateIntoTheSegments() throws Exception {
        // Clicks every 0.5 s (120 BPM) for 4 s: beat 4 of the lane is at 2.0 s, frame 20 at 10 fps.
        float[] clicks = new float[4 * TestAudio.RATE];
        Random noise = new Random(7);
        for (int beat = 0; beat < 8; beat++) {
            int start = beat * TestAudio.RATE / 2;
            for (int i = 0; i < 441; i++) {
                clicks[start + i] = (float) (0.8 * Math.exp(-i / 88.2) * (2 * noise.nextDouble() - 1));
            }
        }
        Path audio = TestAudio.writeWav(dir.resolve("clicks.wav"), clicks);
        FeatureTrack stored;
        List<Segment> segments;
        try (LocalStore store = new LocalStore(dir.resolve("store"))) {
            JobRequest request = Jobs.txt2img(store, audio, List.of("add@2=lane:pulse[0..2]"), 40,
                    Map.of("pulse", LaneFields.option("pulse:step=0b:(0), 4b:(1)").getValue()));
            segments = new JobPlanner(store, dir.resolve("work")).plan(request);
            stored = FeatureTrackIo.fromJson(store.get(new JobKeys(request.jobId()).features()).orElseThrow());
        }
        double bpm = LaneTracks.tempoEstimate(stored);
        assertTrue(bpm > 115 && bpm < 125, "the tempo estimate of a 120 BPM click track: " + bpm);
        assertTrue(stored.has("tempo") && stored.has("lane:pulse"), "PLAN estimated the tempo for the lane");
        Segment segment = segments.get(0);
        for (int frame = 0; frame < 40; frame++) {
            assertEquals(frame < 20 ? 0.0 : 2.0, segment.paramsOf(frame)[0][0], 1e-9, "frame " + frame);
        }
    }

    @Test
    void aLaneInBeatsOnATrackWithoutBeatsFailsNamingTheLane() throws Exception {
        Path audio = TestAudio.writeWav(dir.resolve("silence.wav"), new float[TestAudio.RATE]);
        try (LocalStore store = new LocalStore(dir.resolve("store"))) {
            JobRequest request = Jobs.txt2img(store, audio, List.of("add@2=lane:pulse"), 40,
                    Map.of("pulse", LaneFields.option("pulse=0b:(0), 4b:(1)").getValue()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new JobPlanner(store, dir.resolve("work")).plan(request));
            assertTrue(e.getMessage().startsWith("lane 'pulse' is timed in beats, but no tempo was found"),
                    e.getMessage());
        }
    }

    @Test
    void theSameBendTwiceKeepsBothTracksAndTheirOrder() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(dir.resolve("short.wav"), 0.2, 0.5, 0.3);
        FeatureTrack track = AudioAnalyzer.analyze(audio, AnalysisOptions.paperFeatures(10));
        List<BendSpec> bends = List.of(BendParser.parse("add@5=rms[0..2]"), BendParser.parse("add@5=rms[0..2]"),
                BendParser.parse("multiply@5=flux[1..3]"));
        Map<String, double[]> labelled = BendTracks.of(track, bends);
        assertEquals(3, labelled.size(), labelled.keySet().toString());
        List<String> labels = List.copyOf(labelled.keySet());
        assertEquals(labels.get(0) + " (2)", labels.get(1));
        double[][][] perFrame = BendTracks.perFrame(labelled, bends, track.frameCount());
        double[] flux = ParameterTracks.compute(track, bends.get(2).sources().get(0));
        for (int f = 0; f < track.frameCount(); f++) {
            assertEquals(perFrame[f][0][0], perFrame[f][1][0]);
            assertEquals(flux[f], perFrame[f][2][0], 0, "frame " + f);
        }
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }
}
