package org.netbend.plan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.netbend.core.FeatureNames;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.FeaturePlot;
import org.netbend.plan.FeatureSelection;
import org.netbend.plan.FeatureTrack;

/**
 * Does analysis time grow linearly with the track? Times each feature family, the render-job selection and the
 * plot on a short and a long music-like file (chords, kicks, hats at 120 BPM, so onsets, beats and tempo have work
 * to do) and prints the ratio long/short next to the ratio of the lengths. Run from the repository root:
 * <pre>mvn -q -o -pl pipeline/plan test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.netbend.plan.bench.ScalingBenchmark [-Dexec.args="SHORT_MINUTES LONG_MINUTES"]</pre>
 * Defaults 15 and 60 minutes (the long file is 300 MiB of 16-bit wav in a temporary folder). Figures only.
 */
public final class ScalingBenchmark {
    private static final double FPS = 20;

    private ScalingBenchmark() { }

    public static void main(String[] args) throws Exception {
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR); // no FFmpeg console lines
        int shortMinutes = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int longMinutes = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Map<String, Set<String>> families = families();
        Path dir = Files.createTempDirectory("netbend-scaling");
        try {
            Path shortFile = AnalysisBenchmark.synthesise(dir.resolve("short.wav"), shortMinutes * 60);
            Path longFile = AnalysisBenchmark.synthesise(dir.resolve("long.wav"), longMinutes * 60);
            AudioAnalyzer.analyze(shortFile, AnalysisOptions.defaults(FPS)); // warm-up: JIT and native loading
            System.out.printf(Locale.ROOT, "%-34s %10s %10s %7s   (length ratio %.1f)%n", "family (20 fps, one thread)",
                    shortMinutes + " min", longMinutes + " min", "ratio", longMinutes / (double) shortMinutes);
            for (Map.Entry<String, Set<String>> family : families.entrySet()) {
                AnalysisOptions options = AnalysisOptions.defaults(FPS).withFeatures(family.getValue());
                double a = analysisSeconds(shortFile, options);
                double b = analysisSeconds(longFile, options);
                System.out.printf(Locale.ROOT, "%-34s %9.2fs %9.2fs %7.2f%n", family.getKey(), a, b, b / a);
            }
            FeatureTrack shortTrack = AudioAnalyzer.analyze(shortFile, AnalysisOptions.defaults(FPS));
            FeatureTrack longTrack = AudioAnalyzer.analyze(longFile, AnalysisOptions.defaults(FPS));
            double a = plotSeconds(shortTrack, dir);
            double b = plotSeconds(longTrack, dir);
            System.out.printf(Locale.ROOT, "%-34s %9.2fs %9.2fs %7.2f%n", "plot, 10 panels, 1600x1000", a, b, b / a);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static Map<String, Set<String>> families() {
        Map<String, Set<String>> families = new LinkedHashMap<>();
        families.put("rms only (decode floor)", Set.of("rms"));
        families.put("paper six (one FFT per frame)", Set.copyOf(FeatureNames.PAPER));
        families.put("render-job overview (PLAN, no bend)", FeatureSelection.forPlan(List.of()));
        families.put("bands + rolloff + flatness + zcr", Set.of("low", "mid", "high", "rolloff", "flatness", "zcr"));
        families.put("onsets (5.8 ms hop)", Set.of("onset_strength", "onset", "onset_env"));
        families.put("onsets + beat (tempo, DP)", Set.of("onset", "beat"));
        families.put("onsets + tempo (ACF ±3 s)", Set.of("onset", "tempo"));
        families.put("pitch (YIN)", Set.of("pitch", "pitch_confidence"));
        families.put("chroma", prefixed("chroma_"));
        families.put("mfcc", prefixed("mfcc_"));
        families.put("all " + FeatureNames.ALL.size() + " (analyze)", Set.copyOf(FeatureNames.ALL));
        return families;
    }

    private static Set<String> prefixed(String prefix) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : FeatureNames.ALL) {
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        }
        return names;
    }

    private static double analysisSeconds(Path file, AnalysisOptions options) throws Exception {
        long start = System.nanoTime();
        AudioAnalyzer.analyze(file, options);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double plotSeconds(FeatureTrack track, Path dir) throws Exception {
        Path png = dir.resolve("plot.png");
        long start = System.nanoTime();
        FeaturePlot.writePng(track, Map.of(), png, 1600, 1000);
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.delete(png);
        return seconds;
    }
}
