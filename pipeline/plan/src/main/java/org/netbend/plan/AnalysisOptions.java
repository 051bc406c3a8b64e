package org.netbend.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.netbend.core.FeatureNames;

/**
 * How to analyse a track.
 *
 * @param fps        video frames per second: one feature value per frame
 * @param sampleRate analysis rate in Hz; the audio is resampled to it (44100 by default)
 * @param window     which samples each frame sees
 * @param features   which features to compute (names from {@link FeatureNames}); the track lists them in the
 *                   order of {@link FeatureNames#ALL}. Fewer features are faster: the paper's six need only one
 *                   FFT per frame.
 */
public record AnalysisOptions(double fps, int sampleRate, Window window, Set<String> features) {
    public static final int DEFAULT_SAMPLE_RATE = 44_100;

    public AnalysisOptions {
        new FrameClock(fps, sampleRate); // validates both
        if (sampleRate < 8000) {
            throw new IllegalArgumentException("analysis sample rate must be at least 8000 Hz, got " + sampleRate);
        }
        if (window == null) {
            throw new IllegalArgumentException("window must be given (Window.paper() or Window.centred(ms))");
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("choose at least one feature, from: " + String.join(", ",
                    FeatureNames.ALL));
        }
        List<String> unknown = features.stream().filter(f -> !FeatureNames.isKnown(f)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown feature(s) " + unknown + "; known features: "
                    + String.join(", ", FeatureNames.ALL));
        }
        // Canonical order, whatever order the caller used.
        features = FeatureNames.ALL.stream().filter(features::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        features = java.util.Collections.unmodifiableSet(features);
    }

    /** The paper's window, every feature, at 44.1 kHz. */
    public static AnalysisOptions defaults(double fps) {
        return new AnalysisOptions(fps, DEFAULT_SAMPLE_RATE, Window.paper(), Set.copyOf(FeatureNames.ALL));
    }

    /** The paper's six features only: the fast path. */
    public static AnalysisOptions paperFeatures(double fps) {
        return new AnalysisOptions(fps, DEFAULT_SAMPLE_RATE, Window.paper(), Set.copyOf(FeatureNames.PAPER));
    }

    public AnalysisOptions withWindow(Window newWindow) {
        return new AnalysisOptions(fps, sampleRate, newWindow, features);
    }

    public AnalysisOptions withSampleRate(int newSampleRate) {
        return new AnalysisOptions(fps, newSampleRate, window, features);
    }

    public AnalysisOptions withFeatures(Set<String> newFeatures) {
        return new AnalysisOptions(fps, sampleRate, window, newFeatures);
    }

    public boolean wants(String feature) { return features.contains(feature); }

    boolean wantsAny(String... names) {
        for (String name : names) {
            if (features.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
