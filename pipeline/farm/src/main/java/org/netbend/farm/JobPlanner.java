package org.netbend.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.core.ParameterSource;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.FeaturePlot;
import org.netbend.plan.FeatureSelection;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * The PLAN stage without Flink around it: decode the job's audio, compute the features its bends read (plus the
 * plot's overview), turn every bend source into a per-frame parameter track, store request/features/plot, and cut
 * the frames into segments.
 */
public final class JobPlanner {
    /** Pixels per panel of features.png (the image is 1000 to 4000 pixels high). */
    private static final int PLOT_PANEL_HEIGHT = 110;

    private final ObjectStore store;
    private final Path workDir;

    public JobPlanner(ObjectStore store, Path workDir) {
        this.store = store;
        this.workDir = workDir;
    }

    /** Plans the whole job and returns its segments (tests, short jobs). */
    public List<Segment> plan(JobRequest request) throws IOException {
        List<Segment> segments = new ArrayList<>();
        plan(request, segments::add);
        return segments;
    }

    /**
     * Plans the job and hands each segment to {@code out} as soon as it is cut, so that PLAN holds the feature
     * and parameter tracks (a few floats and doubles per frame) but never the per-frame parameter layout of the
     * whole job.
     */
    public void plan(JobRequest request, Consumer<Segment> out) throws IOException {
        String jobId = request.jobId();
        JobKeys keys = new JobKeys(jobId);
        String requestJson = request.toJson();
        store.put(keys.request(), requestJson.getBytes(StandardCharsets.UTF_8));
        List<BendSpec> bends = request.bends().stream().map(BendParser::parse).toList();
        List<ParameterSource> sources = bends.stream().flatMap(bend -> bend.sources().stream()).toList();

        Path jobDir = Files.createDirectories(workDir.resolve("plan-" + jobId));
        try {
            Path audio = jobDir.resolve(safeName(request.audioName()));
            store.getFile(request.audioKey(), audio);
            // Only what the bends read plus the plot's overview: the onset hop, pitch, chroma and MFCC cost
            // most of a full analysis and are skipped unless a bend needs them (`analyze` computes them all).
            AnalysisOptions options = AnalysisOptions.defaults(request.fps())
                    .withFeatures(FeatureSelection.forPlan(sources));
            FeatureTrack track = AudioAnalyzer.analyze(audio, options);
            Files.delete(audio);
            Path json = jobDir.resolve("features.json");
            FeatureTrackIo.writeJson(track, json); // streamed to disk, not built in memory
            store.putFile(keys.features(), json);

            BendTracks tracks = BendTracks.compute(track, bends);
            List<String> panels = FeatureSelection.plotPanels(sources);
            Path plot = jobDir.resolve("features.png");
            int height = Math.min(4000, Math.max(1000, PLOT_PANEL_HEIGHT * (panels.size() + tracks.labelled().size())));
            FeaturePlot.writePng(track, panels, tracks.labelled(), plot, 1600, height);
            store.putFile(keys.featuresPlot(), plot);

            int frames = track.frameCount();
            List<int[]> ranges = SegmentPlanner.split(frames, request.segmentLength());
            for (int s = 0; s < ranges.size(); s++) {
                int first = ranges.get(s)[0];
                int end = ranges.get(s)[1];
                int warmUp = request.isImg2img() ? Math.min(first, request.chainOverlap()) : 0;
                out.accept(new Segment(jobId, s, ranges.size(), first, end - first, frames, warmUp,
                        tracks.slice(first - warmUp, end), requestJson));
            }
        } finally {
            TempFiles.deleteTree(jobDir);
        }
    }

    private static String safeName(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "audio" + cleaned : cleaned;
    }
}
