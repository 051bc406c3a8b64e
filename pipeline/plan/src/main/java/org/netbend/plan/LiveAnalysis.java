package org.netbend.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.netbend.core.FeatureNames;

/**
 * The features of audio as it is heard, for live mode: the same streaming pass as {@link AudioAnalyzer}, fed block
 * by block, so every frame it has computed has exactly the value {@code analyze} gives that frame of the whole file.
 * Frame i is ready once its window has been heard (the pitch window reaches 23 ms past the frame's centre).
 *
 * <p>Only per-frame features have a causal form here. The onset and beat family ({@link #NOT_LIVE}) is picked
 * offline over the whole onset envelope (peak picking, beat tracking with look-ahead), so it is refused, naming the
 * features, rather than computed differently.
 */
public final class LiveAnalysis {
    /** Features whose definition needs the rest of the track: refused live. */
    public static final Set<String> NOT_LIVE = Set.of("onset_strength", "onset", "onset_env", "beat", "tempo",
            "beat_phase", "since_onset", "since_beat");

    private final AnalysisOptions options;
    private final AudioAnalyzer.Pass pass;
    private long heard;

    /** @throws IllegalArgumentException naming the features that have no live form or read a stem or MIDI file */
    public LiveAnalysis(AnalysisOptions options) {
        List<String> refused = new ArrayList<>();
        for (String name : options.features()) {
            if (NOT_LIVE.contains(name) || FeatureNames.source(name) != null) {
                refused.add(name);
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("feature(s) " + refused + " have no live form (onsets and beats are"
                    + " picked over the whole track; stems and MIDI files are not live inputs); live features: "
                    + "rms, zcr, the spectral features, bands, chroma, mfcc, pitch");
        }
        this.options = options;
        this.pass = new AudioAnalyzer.Pass(null, options);
    }

    public AnalysisOptions options() { return options; }

    /** The next {@code count} heard samples (mono, at the options' rate). */
    public void hear(float[] samples, int count) {
        if (count > 0) {
            pass.accept(samples, count);
            heard += count;
        }
    }

    /** The input has ended: the last, partial frame is computed zero-padded, as {@code analyze} does. */
    public void end() {
        pass.accept(new float[0], -1);
    }

    /** Samples heard so far. */
    public long samplesHeard() { return heard; }

    /** Frames whose features are computed. */
    public int framesReady() { return pass.framesReady(); }

    /**
     * The features named (those computed) of every ready frame: a track as {@code analyze} would give for the
     * audio heard so far. Copies frames × names floats, so ask only for what is read.
     */
    public FeatureTrack track(Set<String> names) {
        int frames = pass.framesReady();
        return new FeatureTrack(options.fps(), frames, heard / (double) options.sampleRate(), options.sampleRate(),
                pass.featuresSoFar(frames, names), null);
    }

    /** Every live feature, for a session whose bends may read any of them. */
    public static Set<String> liveFeatures() {
        Set<String> names = new java.util.LinkedHashSet<>(FeatureNames.ALL);
        names.removeAll(NOT_LIVE);
        return java.util.Collections.unmodifiableSet(names);
    }
}
