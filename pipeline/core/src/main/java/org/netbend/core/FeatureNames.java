package org.netbend.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The names of the per-frame audio features, shared by the bend parser (to reject unknown names early) and
 * the PLAN stage (which computes them). Vector features are flattened: {@code chroma_0..chroma_11},
 * {@code mfcc_0..mfcc_12}.
 */
public final class FeatureNames {
    /** The paper's six timbre features (Peeters et al.). */
    public static final List<String> PAPER = List.of("rms", "centroid", "spread", "skewness", "kurtosis", "flux");

    /** Every feature name, paper's first. */
    public static final List<String> ALL;

    static {
        List<String> names = new ArrayList<>(PAPER);
        names.addAll(List.of("onset_strength", "onset", "onset_env", "beat", "tempo", "beat_phase",
                "since_onset", "since_beat", "pitch", "pitch_confidence",
                "low", "mid", "high", "rolloff", "flatness", "zcr"));
        for (int i = 0; i < 12; i++) {
            names.add("chroma_" + i);
        }
        for (int i = 0; i < 13; i++) {
            names.add("mfcc_" + i);
        }
        ALL = Collections.unmodifiableList(names);
    }

    private FeatureNames() { }

    public static boolean isKnown(String name) { return ALL.contains(name); }
}
