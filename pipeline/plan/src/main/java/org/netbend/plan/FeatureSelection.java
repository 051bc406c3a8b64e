package org.netbend.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.netbend.core.FeatureNames;
import org.netbend.core.ParameterSource;

/**
 * Which features a render job needs, so that PLAN analyses only those: the features its bends read, plus a cheap
 * overview for the plot. The overview costs one FFT per frame; the expensive families (the 2.9 ms onset hop
 * behind onsets, beats and tempo, the YIN pitch tracker, chroma, MFCC) run only when a bend reads them.
 * The {@code analyze} command still computes every feature ({@link AnalysisOptions#defaults}).
 */
public final class FeatureSelection {
    /** Shown in a render job's plot whatever the bends read: loudness, brightness, change and three bands. */
    public static final List<String> PLOT_OVERVIEW = List.of("rms", "centroid", "flux", "low", "mid", "high");

    private FeatureSelection() { }

    /** Every feature name the sources read, in {@link FeatureNames#ALL} order; empty for constants only. */
    public static Set<String> readBy(Collection<? extends ParameterSource> sources) {
        Set<String> named = new LinkedHashSet<>();
        for (ParameterSource source : sources) {
            if (source instanceof ParameterSource.Feature feature) {
                named.add(feature.feature());
            } else if (source instanceof ParameterSource.Combined combined) {
                named.addAll(combined.features());
            }
        }
        List<String> unknown = named.stream().filter(name -> !FeatureNames.isKnown(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("bend parameters read unknown feature(s) " + unknown
                    + "; known features: " + FeatureNames.describeKnown());
        }
        return canonical(named);
    }

    /** What a render job analyses: {@link #readBy} the sources plus {@link #PLOT_OVERVIEW}. */
    public static Set<String> forPlan(Collection<? extends ParameterSource> sources) {
        Set<String> wanted = new LinkedHashSet<>(readBy(sources));
        wanted.addAll(PLOT_OVERVIEW);
        return canonical(wanted);
    }

    /**
     * The plot's feature panels for a render job: the overview, then each feature a bend reads that the overview
     * lacks (a bend on {@code mfcc_3} shows {@code mfcc_3} above its parameter track).
     */
    public static List<String> plotPanels(Collection<? extends ParameterSource> sources) {
        Set<String> panels = new LinkedHashSet<>(PLOT_OVERVIEW);
        panels.addAll(readBy(sources));
        return List.copyOf(panels);
    }

    private static Set<String> canonical(Set<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(FeatureNames.canonicalOrder(names)));
    }
}
