package org.netbend.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.bend.IdentityPeaks;
import org.netbend.core.FeatureNames;
import org.netbend.core.Lane;
import org.netbend.core.ParameterSource;
import org.netbend.farm.BendTracks;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.EncoderIo;
import org.netbend.plan.AudioAnalysis;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioException;
import org.netbend.plan.AudioSources;
import org.netbend.plan.FeatureSelection;
import org.netbend.plan.FeaturePlot;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.plan.LaneTracks;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.LaneFields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Compute a track's per-frame audio features; plot them with each bend's parameter.",
        customSynopsis = {"netbend analyze AUDIO -o FEATURES.json [--plot PNG] [--csv CSV]",
            "                       [--bend SPEC]... [--stem NAME=FILE]... [OPTIONS]"},
        description = {"Shows the parameter track each bend would receive, before spending GPU hours."},
        footer = {"", "Examples:",
            "  netbend analyze drums.wav -o features.json --plot features.png \\",
            "      --bend \"rotate-r1@40=rms[0..2pi]\"",
            "  netbend analyze song.wav -o f.json --stem drums=drums.wav --midi song.mid \\",
            "      --bend \"add@40=rms@drums\"",
            "  netbend analyze song.wav -o f.json --plot f.png \\",
            "      --lane swell=\"0:(0), 4:(1)\" --bend \"add@40=lane:swell\"",
            "  netbend analyze song.wav -o f.json --plot f.png --codes \"pca(8)\" \\",
            "      --bend \"code-matrix@40=code(0..5)\""})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "AUDIO", description = "The track: wav, mp3, flac, ogg, opus, m4a ...")
    Path audio;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FEATURES.json",
            description = "The features, one record per frame (JSON).")
    Path output;

    @Option(names = "--fps", defaultValue = "20", paramLabel = "N", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also plot the features (and bend parameters) to a PNG.")
    Path plot;

    @Option(names = "--csv", paramLabel = "CSV", description = "Also write the features as CSV.")
    Path csv;

    @Option(names = "--bend", paramLabel = "SPEC", description = "Plot the parameter track this bend would get.")
    List<String> bends = new ArrayList<>();

    @Option(names = "--lane", paramLabel = "NAME[:INTERP]=SCHEDULE", description = "A drawn parameter as render takes "
            + "it (--lane swell=\"0:(0), 4.5:(1.2)\"): written to the features as lane:NAME and plotted; repeatable.")
    List<String> laneOptions = new ArrayList<>();

    @Mixin SourceOptions sourceOptions;

    @Option(names = "--codes", paramLabel = "ENCODER", description = "Also write the audio code code(0..D-1): "
            + "pca(D), D in 1..40, fitted on the track; plotted with each component's share of the variance.")
    String codes;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Fit the --codes encoder on these files or "
            + "album folders instead of the track, so every track gets the same code for the same sound; repeatable.")
    List<Path> corpus = new ArrayList<>();

    @Option(names = "--encoder", paramLabel = "ENCODER.json", description = "Encode with an encoder stored by an "
            + "earlier analyze (FEATURES.encoder.json) or job (jobs/ID/encoder.json) instead of fitting one.")
    Path encoder;

    @Option(names = "--save-encoder", paramLabel = "NAME", description = "Also store the fitted encoder as "
            + "encoders/NAME.json in the store, for --codes encoder:NAME in later renders and submits (default: none).")
    String saveEncoder;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET/PREFIX", description = "The store --save-encoder "
            + "writes to (default: $NETBEND_STORE, else ./netbend-store).")
    String store;

    @Option(names = "--sensitivity", defaultValue = "0.5", paramLabel = "S",
        description = "Onset sensitivity 0..1: higher finds softer onsets (default: ${DEFAULT-VALUE}).")
    double sensitivity;

    @Override
    public Integer call() throws Exception {
        InputFiles.checkAudio(audio);
        new OutputFiles().input("the input audio", audio)
                .output("-o", output).output("--plot", plot).output("--csv", csv).check();
        if (!(fps > 0 && fps <= 240)) {
            throw new UserError("--fps must be in (0, 240], got " + fps);
        }
        if (!(sensitivity >= 0 && sensitivity <= 1)) {
            throw new UserError("--sensitivity must be between 0 and 1, got " + sensitivity);
        }
        if (saveEncoder != null) {
            EncoderSaving.checkName(saveEncoder, codes != null || encoder != null);
        }
        List<BendSpec> parsed = BendArguments.parse(bends);
        Map<String, Lane> lanes = lanes(parsed);
        for (String bend : bends) {
            BendParser.notes(bend).forEach(note -> spec.commandLine().getErr().println("netbend: note: " + note));
        }
        SourceFiles files = sourceOptions.files();
        files.asInputs(new OutputFiles()).output("-o", output).output("--plot", plot).output("--csv", csv).check();
        AudioSources sources = files.of(audio);
        AudioAnalysis analysis;
        try {
            AnalysisOptions options = CodeChoice.apply(AnalysisOptions.defaults(fps).withOnsetSensitivity(sensitivity),
                    features(sources, parsed), codes, corpus, encoder, fps);
            analysis = AudioAnalyzer.analyzeFully(sources, options);
        } catch (AudioException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        FeatureTrack track;
        try {
            track = LaneTracks.withLanes(analysis.track(), lanes);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        // a truncated file was already reported, once, by the decoder's warning (decoded and announced seconds)
        OutputFiles.write(output, file -> FeatureTrackIo.writeJson(track, file));
        if (csv != null) {
            OutputFiles.write(csv, file -> FeatureTrackIo.writeCsv(track, file));
        }
        if (analysis.encoder() != null) {
            Path stored = CodeChoice.encoderFile(output);
            OutputFiles.write(stored, file -> java.nio.file.Files.write(file, EncoderIo.toJson(analysis.encoder())));
            spec.commandLine().getOut().println("wrote " + stored + ": the fitted " + analysis.encoder().spec()
                    + " encoder");
            if (saveEncoder != null) {
                spec.commandLine().getOut().println(EncoderSaving.save(store, saveEncoder, analysis.encoder()));
            }
        }
        if (plot != null) {
            IdentityPeaks.notes(parsed).forEach(note -> spec.commandLine().getErr().println("netbend: note: " + note));
            Map<String, double[]> parameters = new java.util.LinkedHashMap<>(CodeChoice.panels(track,
                    analysis.encoder()));
            parameters.putAll(BendTracks.of(track, parsed));
            Set<String> panels = new LinkedHashSet<>(FeaturePlot.defaultPanels(track));
            panels.addAll(FeatureSelection.readBy(parsed.stream().flatMap(bend -> bend.sources().stream()).toList()));
            lanes.keySet().forEach(name -> panels.add(FeatureNames.LANE_PREFIX + name));
            if (analysis.encoder() != null) { // the mix's code has its own panels, labelled with what each explains
                panels.removeIf(name -> FeatureNames.isCode(name) && FeatureNames.source(name) == null);
            }
            OutputFiles.write(plot, file -> FeaturePlot.writePng(track, List.copyOf(panels), parameters, file, 1600,
                    Math.max(1000, 110 * (panels.size() + parameters.size() + 1))));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d frames at %s fps, %.2f s, %d features%s%s%n", output,
                track.frameCount(), Numbers.format(fps), track.durationSeconds(), track.features().size(),
                plot != null ? ", plot " + plot : "", csv != null ? ", csv " + csv : "");
        return 0;
    }

    /** The --lane options by name; every lane a bend reads must be among them. */
    private Map<String, Lane> lanes(List<BendSpec> parsed) {
        Map<String, Lane> lanes = new TreeMap<>();
        for (String text : laneOptions) {
            try {
                Map.Entry<String, Lane> lane = LaneFields.option(text);
                if (lanes.put(lane.getKey(), lane.getValue()) != null) {
                    throw new UserError("--lane " + lane.getKey() + " is given twice");
                }
            } catch (InvalidRequestException e) {
                throw new UserError(OptionNames.inMessage(e));
            }
        }
        List<ParameterSource> sources = parsed.stream().flatMap(bend -> bend.sources().stream()).toList();
        for (String read : FeatureSelection.lanesReadBy(sources)) {
            String name = FeatureNames.laneName(read);
            if (!lanes.containsKey(name)) {
                throw new UserError("a bend reads " + read + ", but no --lane " + name + "=SCHEDULE was given (lanes "
                        + "given: " + (lanes.isEmpty() ? "none" : String.join(", ", lanes.keySet())) + ")");
            }
        }
        return lanes;
    }

    /**
     * Every feature of the track, the overview and onsets of each stem, the note features of every MIDI channel
     * that plays, and whatever else a bend reads (e.g. centroid@percussive).
     */
    private static Set<String> features(AudioSources sources, List<BendSpec> bends) throws AudioException {
        Set<String> names = new LinkedHashSet<>(FeatureNames.ALL);
        for (String stem : sources.stems().keySet()) {
            for (String base : STEM_OVERVIEW) {
                names.add(base + "@" + stem);
            }
        }
        if (sources.midi() != null) {
            names.addAll(AudioAnalyzer.midiFeaturesOf(sources.midi()));
        }
        List<ParameterSource> read = bends.stream().flatMap(bend -> bend.sources().stream()).toList();
        names.addAll(FeatureSelection.readBy(read));
        return names;
    }

    private static final List<String> STEM_OVERVIEW = List.of("rms", "centroid", "flux", "onset", "onset_env",
            "low", "mid", "high");
}
