package org.netbend.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.core.EncoderSpec;
import org.netbend.core.FeatureNames;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioCodes;
import org.netbend.plan.AudioEncoder;
import org.netbend.plan.EncoderIo;
import org.netbend.plan.FeatureTrack;

/** analyze's --codes, --corpus and --encoder: which encoder makes the code(N) features. */
final class CodeChoice {
    private CodeChoice() { }

    /** The options with every code component added, fitted on the track, a corpus, or read from a file. */
    static AnalysisOptions apply(AnalysisOptions base, java.util.Set<String> features, String codes, List<Path> corpus,
            Path encoderFile, double fps) throws IOException {
        return choose(base, codes, corpus, encoderFile, fps).withFeatures(features).withAllCodes();
    }

    private static AnalysisOptions choose(AnalysisOptions options, String codes, List<Path> corpus, Path encoderFile,
            double fps) throws IOException {
        if (encoderFile != null) {
            if (codes != null || !corpus.isEmpty()) {
                throw new UserError("--encoder reuses a fitted encoder; leave out --codes and --corpus");
            }
            if (!java.nio.file.Files.isRegularFile(encoderFile)) {
                throw new UserError("--encoder " + encoderFile + ": no such file");
            }
            return options.withEncoder(EncoderIo.read(encoderFile));
        }
        if (codes == null) {
            if (!corpus.isEmpty()) {
                throw new UserError("--corpus needs --codes ENCODER, e.g. --codes pca(8)");
            }
            return options;
        }
        EncoderSpec spec;
        try {
            spec = EncoderSpec.parse(codes);
        } catch (IllegalArgumentException e) {
            throw new UserError("--codes: " + e.getMessage());
        }
        if (corpus.isEmpty()) {
            return options.withCodes(spec);
        }
        return options.withEncoder(AudioCodes.fitCorpus(spec, corpus, fps));
    }

    /** FEATURES.json → FEATURES.encoder.json. */
    static Path encoderFile(Path output) {
        String name = output.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return output.resolveSibling(stem + ".encoder.json");
    }

    /** One plot panel per code component, labelled with what it explains. */
    static Map<String, double[]> panels(FeatureTrack track, AudioEncoder encoder) {
        Map<String, double[]> panels = new LinkedHashMap<>();
        for (int i = 0; encoder != null && i < encoder.dimensions(); i++) {
            float[] values = track.feature(FeatureNames.code(i));
            double[] series = new double[values.length];
            for (int t = 0; t < values.length; t++) {
                series[t] = values[t];
            }
            panels.put(FeatureNames.code(i) + ": " + encoder.describe(i), series);
        }
        return panels;
    }
}
