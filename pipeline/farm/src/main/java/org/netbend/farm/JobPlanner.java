package org.netbend.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.netbend.assemble.AacTrack;
import org.netbend.bend.BendSpec;
import org.netbend.core.EncoderName;
import org.netbend.core.EncoderSpec;
import org.netbend.core.ParameterSource;
import org.netbend.job.CompiledJob;
import org.netbend.job.JobRequest;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalysis;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioSources;
import org.netbend.plan.EncoderIo;
import org.netbend.plan.FeaturePlot;
import org.netbend.plan.FeatureSelection;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.plan.LaneTracks;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PLAN stage without Flink around it: decode the job's audio (with its stems and MIDI file, if any), compute
 * the features its bends read (plus the plot's overview), turn every bend source into a per-frame parameter track, store request/features/plot, cut
 * the frames into segments and, once they are handed on, store the audio encoded to AAC for ASSEMBLE.
 */
public final class JobPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(JobPlanner.class);
    /** Pixels per panel of features.png (the image is 1000 to 4000 pixels high). */
    private static final int PLOT_PANEL_HEIGHT = 110;

    private final ObjectStore store;
    private final Path workDir;
    private final boolean force;

    public JobPlanner(ObjectStore store, Path workDir) {
        this(store, workDir, false);
    }

    /** @param force encode the job's audio again even if the store has it (as {@code --force} re-renders frames) */
    public JobPlanner(ObjectStore store, Path workDir, boolean force) {
        this.store = store;
        this.workDir = workDir;
        this.force = force;
    }

    /** Plans the whole job and returns its segments (tests, short jobs). */
    public List<Segment> plan(JobRequest request) throws IOException {
        List<Segment> segments = new ArrayList<>();
        plan(request.compile(), segments::add);
        return segments;
    }

    /**
     * Plans the job and hands each segment to {@code out} as soon as it is cut, so that PLAN holds the feature
     * and parameter tracks (a few floats and doubles per frame) but never the per-frame parameter layout of the
     * whole job.
     */
    public void plan(CompiledJob job, Consumer<Segment> out) throws IOException {
        plan(job, 1, out, () -> { });
    }

    /**
     * The same, for a job of the given priority (the service), with {@code segmentsOut} called as soon as the last
     * segment is out, before the job's audio is encoded for ASSEMBLE.
     */
    public void plan(CompiledJob job, int priority, Consumer<Segment> out, Runnable segmentsOut) throws IOException {
        JobRequest request = job.request();
        String jobId = job.jobId();
        JobKeys keys = new JobKeys(jobId);
        String requestJson = job.json();
        store.put(keys.request(), requestJson.getBytes(StandardCharsets.UTF_8));
        List<BendSpec> bends = job.bends();
        List<ParameterSource> sources = bends.stream().flatMap(bend -> bend.sources().stream()).toList();

        if (force) {
            // Before any segment is out, so that ASSEMBLE never muxes the previous run's track.
            store.delete(keys.encodedAudio());
        }
        Path jobDir = TempFiles.stageDir(workDir, "plan", jobId);
        try {
            Path audio = jobDir.resolve(safeName(request.audioName()));
            store.getFile(request.audioKey(), audio);
            AudioSources audioSources = sources(request, audio, jobDir);
            // Only what the bends read plus the plot's overview: the onset hop, pitch, chroma and MFCC cost
            // most of a full analysis and are skipped unless a bend needs them (`analyze` computes them all).
            AnalysisOptions options = codes(AnalysisOptions.defaults(request.fps()), request)
                    .withFeatures(FeatureSelection.forPlan(sources, LaneTracks.needTempo(request.lanes())));
            // The request's lanes join the features as lane:NAME, so bends read them like features.
            AudioAnalysis analysis = AudioAnalyzer.analyzeFully(audioSources, options);
            FeatureTrack track = LaneTracks.withLanes(analysis.track(), request.lanes());
            if (analysis.encoder() != null) {
                // The fitted audio encoder beside the features it made (weights and normalisation), for reuse.
                store.put(keys.features().replace("features.json", "encoder.json"),
                        EncoderIo.toJson(analysis.encoder()));
            }
            Path json = jobDir.resolve("features.json");
            FeatureTrackIo.writeJson(track, json); // streamed to disk, not built in memory
            store.putFile(keys.features(), json);

            BendTracks tracks = BendTracks.compute(track, bends);
            List<String> panels = FeatureSelection.plotPanels(sources);
            Path plot = jobDir.resolve("features.png");
            int height = Math.min(4000, Math.max(1000, PLOT_PANEL_HEIGHT * (panels.size()
                    + FeaturePlot.parameterPanels(tracks.labelled().size()))));
            FeaturePlot.writePng(track, panels, tracks.labelled(), plot, 1600, height);
            store.putFile(keys.featuresPlot(), plot);

            // A preview renders every k-th frame of the full render: its frame i takes the full frame i*k's
            // parameters (tracks over the full render, so scaled the same way) and is shown at that frame's time.
            int frames = request.frameCount(track.frameCount());
            List<int[]> ranges = SegmentPlanner.split(frames, request.segmentLength());
            for (int s = 0; s < ranges.size(); s++) {
                int first = ranges.get(s)[0];
                int end = ranges.get(s)[1];
                int warmUp = request.isImg2img() ? Math.min(first, request.chainOverlap()) : 0;
                out.accept(new Segment(jobId, s, ranges.size(), first, end - first, frames, warmUp,
                        params(tracks, request, first - warmUp, end), requestJson, priority, track.frameCount()));
            }
            segmentsOut.run();
            // PLAN is idle once its segments are out: encode the audio now, while RENDER runs, so that ASSEMBLE
            // only has to copy it.
            encodeAudio(keys, audio, jobDir, frames / request.videoFps());
        } finally {
            TempFiles.deleteTree(jobDir);
        }
    }

    /** The parameters of frames [from, to) of the request: of the full render's frames they show. */
    private static double[][][] params(BendTracks tracks, JobRequest request, int from, int to) {
        if (request.preview() == null) {
            return tracks.slice(from, to);
        }
        double[][][] params = new double[to - from][][];
        for (int i = from; i < to; i++) {
            int source = request.sourceFrame(i);
            params[i - from] = tracks.slice(source, source + 1)[0];
        }
        return params;
    }

    /**
     * Stores the job's audio as AAC, exactly as long as the video (frames / fps): AAC cannot be cut by a stream
     * copy, so it is cut (or padded) here. Skipped when the store has it already (a retried or resumed job). A
     * failure only costs speed: ASSEMBLE encodes from the original audio when the track is missing.
     */
    private void encodeAudio(JobKeys keys, Path audio, Path jobDir, double seconds) {
        try {
            if (store.exists(keys.encodedAudio())) {
                return;
            }
            long start = System.nanoTime();
            Path m4a = jobDir.resolve("audio.m4a");
            AacTrack.encode(audio, m4a, seconds);
            store.putFile(keys.encodedAudio(), m4a);
            LOG.info("Encoded the audio of job {} to AAC ({} s of audio, {} ms)", keys.jobId(),
                    String.format(Locale.ROOT, "%.3f", seconds), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not encode the audio of job {} ahead of assembly; ASSEMBLE will encode it: {}",
                    keys.jobId(), e.toString());
        }
    }

    /**
     * The mix with the request's stems and MIDI file, fetched from the store into the job's folder. A request
     * without them analyses the mix alone, exactly as before.
     */
    /** The encoder to fit on the track ({@code pca(8)}), or the stored one a request names ({@code encoder:NAME}). */
    private AnalysisOptions codes(AnalysisOptions options, JobRequest request) throws IOException {
        if (EncoderName.names(request.codes())) {
            return options.withEncoder(NamedEncoders.read(store, request));
        }
        return options.withCodes(request.codes() == null ? null : EncoderSpec.parse(request.codes()));
    }

    private AudioSources sources(JobRequest request, Path audio, Path jobDir) throws IOException {
        AudioSources sources = AudioSources.of(audio);
        if (request.stemKeys().isEmpty() && request.midiKey() == null) {
            return sources;
        }
        Path folder = Files.createDirectories(jobDir.resolve("sources"));
        for (Map.Entry<String, String> stem : request.stemKeys().entrySet()) {
            // Named by the stem (a safe name) with the key's extension, which FFmpeg may use to pick a demuxer.
            Path file = folder.resolve(stem.getKey() + extension(stem.getValue()));
            store.getFile(stem.getValue(), file);
            sources = sources.withStem(stem.getKey(), file);
        }
        if (request.midiKey() != null) {
            Path midi = folder.resolve("piece" + extension(request.midiKey()));
            store.getFile(request.midiKey(), midi);
            sources = sources.withMidi(midi);
        }
        return sources;
    }

    private static String extension(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot) : "";
        return extension.matches("\\.[A-Za-z0-9]{1,8}") ? extension : "";
    }

    private static String safeName(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "audio" + cleaned : cleaned;
    }
}
