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
 * @param onsetSensitivity 0..1 (default 0.5): higher finds softer onsets. The onset picker's threshold is the
 *                   moving median plus λ = 2·(1.5 − s) moving mean absolute deviations plus δ = 0.02·(1.5 − s)
 *                   of the level-independent detection function (see the module README)
 */
public record AnalysisOptions(double fps, int sampleRate, Window window, Set<String> features,
        double onsetSensitivity) {
    public static final int DEFAULT_SAMPLE_RATE = 44_100;
    public static final double DEFAULT_ONSET_SENSITIVITY = 0.5;

    /** With the default onset sensitivity. */
    public AnalysisOptions(double fps, int sampleRate, Window window, Set<String> features) {
        this(fps, sampleRate, window, features, DEFAULT_ONSET_SENSITIVITY);
    }

    public AnalysisOptions {
        new FrameClock(fps, sampleRate); // validates both
        if (sampleRate < 8000) {
            throw new IllegalArgumentException("analysis sample rate must be at least 8000 Hz, got " + sampleRate);
        }
        if (window == null) {
            throw new IllegalArgumentException("window must be given (Window.paper() or Window.centred(ms))");
        }
        if (!(onsetSensitivity >= 0 && onsetSensitivity <= 1)) {
            throw new IllegalArgumentException("onset sensitivity must be between 0 and 1, got " + onsetSensitivity);
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("choose at least one feature, from: " + String.join(", ",
                    FeatureNames.ALL));
        }
        List<String> unknown = features.stream().filter(f -> !FeatureNames.isKnown(f)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown feature(s) " + unknown + "; known features: "
                    + FeatureNames.describeKnown());
        }
        // Canonical order, whatever order the caller used.
        features = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(FeatureNames.canonicalOrder(features)));
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
        return new AnalysisOptions(fps, sampleRate, newWindow, features, onsetSensitivity);
    }

    public AnalysisOptions withSampleRate(int newSampleRate) {
        return new AnalysisOptions(fps, newSampleRate, window, features, onsetSensitivity);
    }

    public AnalysisOptions withFeatures(Set<String> newFeatures) {
        return new AnalysisOptions(fps, sampleRate, window, newFeatures, onsetSensitivity);
    }

    public AnalysisOptions withOnsetSensitivity(double sensitivity) {
        return new AnalysisOptions(fps, sampleRate, window, features, sensitivity);
    }

    public boolean wants(String feature) { return features.contains(feature); }

    /** The features of the mix itself (no '@source'). */
    Set<String> mixFeatures() {
        return features.stream().filter(f -> FeatureNames.source(f) == null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The sources named after '@', in canonical order. */
    Set<String> sources() {
        return features.stream().map(FeatureNames::source).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The base names of the features read from {@code source}. */
    Set<String> featuresOf(String source) {
        return features.stream().filter(f -> source.equals(FeatureNames.source(f))).map(FeatureNames::base)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    boolean wantsAny(String... names) {
        for (String name : names) {
            if (features.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
