package org.netbend.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.netbend.core.FeatureNames;

/**
 * The features of audio as it is heard, for live mode: the same streaming pass as {@link AudioAnalyzer}, fed block
 * by block, so every per-frame feature of a frame it has computed has exactly the value {@code analyze} gives that
 * frame of the whole file. Frame i is ready once its window has been heard (the pitch window reaches 23 ms past
 * the frame's centre).
 *
 * <p>The onset and beat family has a causal form here ({@link LiveEvents}): onset_strength is offline's (a
 * frame's value is complete half an onset window, 23 ms, after its end; before that it holds the hops heard);
 * onsets are offline's picks, each given on the frame in which it is picked ({@link #onsetDelaySeconds} after
 * its peak); beats, tempo and beat phase come from a causal tracker over the past 6 s ({@link LiveBeatTracker}).
 * Stems and MIDI files are refused.
 */
public final class LiveAnalysis {
    private final AnalysisOptions options;
    private final AudioAnalyzer.Pass pass;
    private final LiveEvents events;
    private long heard;

    /** @throws IllegalArgumentException naming the features that read a stem or MIDI file */
    public LiveAnalysis(AnalysisOptions options) {
        List<String> refused = new ArrayList<>();
        for (String name : options.features()) {
            if (FeatureNames.source(name) != null) {
                refused.add(name);
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("feature(s) " + refused + " have no live form (stems and MIDI files"
                    + " are not live inputs); live features: " + String.join(", ", FeatureNames.ALL));
        }
        this.options = options;
        this.pass = new AudioAnalyzer.Pass(null, options);
        OnsetDetection onsets = pass.onsetDetection();
        this.events = onsets == null ? null : new LiveEvents(onsets, pass.clock());
    }

    public AnalysisOptions options() { return options; }

    /** The next {@code count} heard samples (mono, at the options' rate). */
    public void hear(float[] samples, int count) {
        if (count > 0) {
            pass.accept(samples, count);
            heard += count;
            advanceEvents();
        }
    }

    /** The input has ended: the last, partial frame is computed zero-padded, as {@code analyze} does. */
    public void end() {
        pass.accept(new float[0], -1);
        advanceEvents();
    }

    private void advanceEvents() {
        if (events != null) {
            events.advance(pass.framesReady());
        }
    }

    /**
     * The longest wait from an onset's peak to its pick (30 ms of look-ahead plus half the 46 ms window: 52 ms
     * at 44.1 kHz); the frame that gives it ends at most one frame period later. 0 when onsets are not computed.
     */
    public double onsetDelaySeconds() { return events == null ? 0 : events.detectionDelaySeconds(); }

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
        java.util.Map<String, float[]> features = pass.featuresSoFar(frames, names);
        for (String name : LiveEvents.NAMES) {
            if (features.containsKey(name)) {
                features.put(name, events.values(name, frames));
            }
        }
        return new FeatureTrack(options.fps(), frames, heard / (double) options.sampleRate(), options.sampleRate(),
                features, null);
    }

    /** Every live feature (all of the mix's), for a session whose bends may read any of them. */
    public static Set<String> liveFeatures() {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(FeatureNames.ALL));
    }
}
