package org.netbend.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.netbend.bend.BendSpec;
import org.netbend.farm.BendTracks;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalysis;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioException;
import org.netbend.plan.FeaturePlot;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute the per-frame audio features of a track, and optionally plot them together with",
            "the parameter track each bend would receive, before spending GPU hours."},
        footer = {"", "Example:", "  netbend analyze drums.wav -o features.json --plot features.png --bend \"rotate-r1@40=rms[0..2pi]\""})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "AUDIO")
    Path audio;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FEATURES.json")
    Path output;

    @Option(names = "--fps", defaultValue = "20", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also plot the features (and bend parameters) to a PNG.")
    Path plot;

    @Option(names = "--csv", paramLabel = "CSV", description = "Also write the features as CSV.")
    Path csv;

    @Option(names = "--bend", paramLabel = "SPEC", description = "Plot the parameter track this bend would get.")
    List<String> bends = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        InputFiles.checkAudio(audio);
        new OutputFiles().input("the input audio", audio)
                .output("-o", output).output("--plot", plot).output("--csv", csv).check();
        if (!(fps > 0 && fps <= 240)) {
            throw new UserError("--fps must be in (0, 240], got " + fps);
        }
        List<BendSpec> parsed = BendArguments.parse(bends);
        AudioAnalysis analysis;
        try {
            analysis = AudioAnalyzer.analyzeFully(audio, AnalysisOptions.defaults(fps));
        } catch (AudioException e) {
            throw new UserError(e.getMessage());
        }
        FeatureTrack track = analysis.track();
        if (analysis.truncated()) {
            spec.commandLine().getErr().printf(Locale.ROOT,
                    "netbend: warning: %s is truncated; analysed the %.2f s that decode%n", audio, track.durationSeconds());
        }
        OutputFiles.write(output, file -> FeatureTrackIo.writeJson(track, file));
        if (csv != null) {
            OutputFiles.write(csv, file -> FeatureTrackIo.writeCsv(track, file));
        }
        if (plot != null) {
            Map<String, double[]> parameters = BendTracks.of(track, parsed);
            OutputFiles.write(plot, file -> FeaturePlot.writePng(track, parameters, file, 1600, 1000));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d frames at %s fps, %.2f s, %d features%s%s%n", output,
                track.frameCount(), Numbers.format(fps), track.durationSeconds(), track.features().size(),
                plot != null ? ", plot " + plot : "", csv != null ? ", csv " + csv : "");
        return 0;
    }
}
