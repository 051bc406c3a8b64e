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

    /**
     * Every audio feature the sources read, in {@link FeatureNames#ALL} order; empty for constants only. Lanes
     * ({@code lane:NAME}) are not audio features and are left out: see {@link #lanesReadBy}.
     */
    public static Set<String> readBy(Collection<? extends ParameterSource> sources) {
        Set<String> named = new LinkedHashSet<>(namesReadBy(sources));
        named.removeIf(FeatureNames::isLane);
        List<String> unknown = named.stream().filter(name -> !FeatureNames.isKnown(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("bend parameters read unknown feature(s) " + unknown
                    + "; known features: " + FeatureNames.describeKnown());
        }
        return canonical(named);
    }

    /** The lanes the sources read, {@code lane:NAME}, in the order first read. */
    public static Set<String> lanesReadBy(Collection<? extends ParameterSource> sources) {
        Set<String> lanes = new LinkedHashSet<>(namesReadBy(sources));
        lanes.removeIf(name -> !FeatureNames.isLane(name));
        return Collections.unmodifiableSet(lanes);
    }

    /** What a render job analyses: {@link #readBy} the sources plus {@link #PLOT_OVERVIEW}. */
    public static Set<String> forPlan(Collection<? extends ParameterSource> sources) {
        return forPlan(sources, false);
    }

    /** The same, plus the tempo when a lane is timed in beats ({@link LaneTracks}). */
    public static Set<String> forPlan(Collection<? extends ParameterSource> sources, boolean tempo) {
        Set<String> wanted = new LinkedHashSet<>(readBy(sources));
        wanted.addAll(PLOT_OVERVIEW);
        if (tempo) {
            wanted.add("tempo");
        }
        return canonical(wanted);
    }

    /**
     * The plot's feature panels for a render job: the overview, then each feature a bend reads that the overview
     * lacks (a bend on {@code mfcc_3} shows {@code mfcc_3} above its parameter track), then the lanes bends read.
     */
    public static List<String> plotPanels(Collection<? extends ParameterSource> sources) {
        Set<String> panels = new LinkedHashSet<>(PLOT_OVERVIEW);
        panels.addAll(readBy(sources));
        panels.addAll(lanesReadBy(sources));
        return List.copyOf(panels);
    }

    private static List<String> namesReadBy(Collection<? extends ParameterSource> sources) {
        List<String> named = new java.util.ArrayList<>();
        for (ParameterSource source : sources) {
            if (source instanceof ParameterSource.Feature feature) {
                named.add(feature.feature());
            } else if (source instanceof ParameterSource.Combined combined) {
                named.addAll(combined.features());
            }
        }
        return named;
    }

    private static Set<String> canonical(Set<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(FeatureNames.canonicalOrder(names)));
    }
}
