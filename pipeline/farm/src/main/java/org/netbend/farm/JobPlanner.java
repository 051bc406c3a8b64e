package org.netbend.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.FeaturePlot;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * The PLAN stage without Flink around it: decode the job's audio, compute the feature track, turn every bend
 * source into a per-frame parameter track, store request/features/plot, and cut the frames into segments.
 */
public final class JobPlanner {
    private final ObjectStore store;
    private final Path workDir;

    public JobPlanner(ObjectStore store, Path workDir) {
        this.store = store;
        this.workDir = workDir;
    }

    public List<Segment> plan(JobRequest request) throws IOException {
        String jobId = request.jobId();
        JobKeys keys = new JobKeys(jobId);
        String requestJson = request.toJson();
        store.put(keys.request(), requestJson.getBytes(StandardCharsets.UTF_8));

        Path jobDir = Files.createDirectories(workDir.resolve("plan-" + jobId));
        try {
            Path audio = jobDir.resolve(safeName(request.audioName()));
            store.getFile(request.audioKey(), audio);
            FeatureTrack track = AudioAnalyzer.analyze(audio, AnalysisOptions.defaults(request.fps()));
            store.put(keys.features(), FeatureTrackIo.toJson(track));

            List<BendSpec> bends = request.bends().stream().map(BendParser::parse).toList();
            int frames = track.frameCount();
            Map<String, double[]> plotted = BendTracks.of(track, bends);
            double[][][] params = BendTracks.perFrame(plotted, bends, frames);
            Path plot = jobDir.resolve("features.png");
            FeaturePlot.writePng(track, plotted, plot, 1600, 1000);
            store.putFile(keys.featuresPlot(), plot);

            List<int[]> ranges = SegmentPlanner.split(frames, request.segmentLength());
            List<Segment> segments = new ArrayList<>(ranges.size());
            for (int s = 0; s < ranges.size(); s++) {
                int first = ranges.get(s)[0];
                int end = ranges.get(s)[1];
                int warmUp = request.isImg2img() ? Math.min(first, request.chainOverlap()) : 0;
                double[][][] slice = new double[end - first + warmUp][][];
                System.arraycopy(params, first - warmUp, slice, 0, slice.length);
                segments.add(new Segment(jobId, s, ranges.size(), first, end - first, frames, warmUp, slice,
                        requestJson));
            }
            return segments;
        } finally {
            TempFiles.deleteTree(jobDir);
        }
    }

    private static String safeName(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "audio" + cleaned : cleaned;
    }
}
