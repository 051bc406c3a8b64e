package org.netbend.plan;

import org.netbend.core.EncoderSpec;

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
 * @param codes      the audio encoder fitted on this track for the {@code code(N)} features, or null
 * @param encoder    an encoder fitted already (on a corpus, or by an earlier job) to use instead, or null
 */
public record AnalysisOptions(double fps, int sampleRate, Window window, Set<String> features,
        double onsetSensitivity, EncoderSpec codes, AudioEncoder encoder) {
    public static final int DEFAULT_SAMPLE_RATE = 44_100;
    public static final double DEFAULT_ONSET_SENSITIVITY = 0.5;

    /** With the default onset sensitivity. */
    public AnalysisOptions(double fps, int sampleRate, Window window, Set<String> features) {
        this(fps, sampleRate, window, features, DEFAULT_ONSET_SENSITIVITY);
    }

    /** Without audio codes. */
    public AnalysisOptions(double fps, int sampleRate, Window window, Set<String> features, double onsetSensitivity) {
        this(fps, sampleRate, window, features, onsetSensitivity, null, null);
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
        checkCodes(features, encoder != null ? encoder.spec() : codes);
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
        return new AnalysisOptions(fps, sampleRate, newWindow, features, onsetSensitivity, codes, encoder);
    }

    public AnalysisOptions withSampleRate(int newSampleRate) {
        return new AnalysisOptions(fps, newSampleRate, window, features, onsetSensitivity, codes, encoder);
    }

    public AnalysisOptions withFeatures(Set<String> newFeatures) {
        return new AnalysisOptions(fps, sampleRate, window, newFeatures, onsetSensitivity, codes, encoder);
    }

    public AnalysisOptions withOnsetSensitivity(double sensitivity) {
        return new AnalysisOptions(fps, sampleRate, window, features, sensitivity, codes, encoder);
    }

    /** Fits {@code spec} on the track for its {@code code(N)} features (null: no codes). */
    public AnalysisOptions withCodes(EncoderSpec spec) {
        return new AnalysisOptions(fps, sampleRate, window, features, onsetSensitivity, spec, encoder);
    }

    /** Encodes with an encoder fitted already (a corpus's, or a stored one): the same sound, the same code. */
    public AnalysisOptions withEncoder(AudioEncoder fitted) {
        return new AnalysisOptions(fps, sampleRate, window, features, onsetSensitivity, codes, fitted);
    }

    /** The same options with code(0)..code(D−1) added to the features (analyze --codes). */
    public AnalysisOptions withAllCodes() {
        EncoderSpec spec = encoder != null ? encoder.spec() : codes;
        Set<String> all = new LinkedHashSet<>(features);
        for (int i = 0; spec != null && i < spec.dimensions(); i++) {
            all.add(FeatureNames.code(i));
        }
        return withFeatures(all);
    }

    /** True when a code(N) feature is asked for (of the mix or a stem). */
    public boolean wantsCodes() {
        return features.stream().anyMatch(FeatureNames::isCode);
    }

    /** A code(N) needs an encoder, and N must be below its D. */
    private static void checkCodes(Set<String> features, EncoderSpec spec) {
        for (String name : features) {
            int index = FeatureNames.codeIndex(name);
            if (index < 0) {
                continue;
            }
            if (spec == null) {
                throw new IllegalArgumentException("feature '" + name + "' reads the audio code, but no encoder was"
                        + " chosen; give one, e.g. --codes pca(8) (request field codes)");
            }
            if (index >= spec.dimensions()) {
                throw new IllegalArgumentException("code index out of range: '" + name + "' but " + spec + " gives "
                        + (spec.dimensions() == 1 ? "only code(0)" : "code(0)..code(" + (spec.dimensions() - 1) + ")"));
            }
        }
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
