package org.netbend.farm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.bend.BendSpec;
import org.netbend.core.ParameterSource;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.ParameterTracks;

/**
 * The per-frame parameter track of every bend source, labelled the way plots show them: the bend's canonical
 * spec, with "#n" for the n-th parameter of bends that take several (and " (2)", " (3)" … when the same spec
 * appears more than once, so that no track hides another).
 *
 * <p>Holds one {@code double[frameCount]} per source (8 bytes per frame per source); the
 * {@code [frame][bend][parameter]} layout that segments carry is cut per segment by {@link #slice}, never for the
 * whole track at once.
 */
public final class BendTracks {
    private final List<BendSpec> bends;
    private final int frames;
    /** tracks.get(b)[p] = the values of parameter p of bend b, one per frame. */
    private final List<double[][]> tracks;
    private final Map<String, double[]> labelled;

    private BendTracks(List<BendSpec> bends, int frames, List<double[][]> tracks, Map<String, double[]> labelled) {
        this.bends = bends;
        this.frames = frames;
        this.tracks = tracks;
        this.labelled = labelled;
    }

    /** Computes every source of every bend over the track. */
    public static BendTracks compute(FeatureTrack track, List<BendSpec> bends) {
        List<double[][]> tracks = new ArrayList<>(bends.size());
        Map<String, double[]> labelled = new LinkedHashMap<>();
        Map<String, Integer> nextSuffix = new HashMap<>();
        for (BendSpec bend : bends) {
            List<ParameterSource> sources = bend.sources();
            double[][] values = new double[sources.size()][];
            for (int p = 0; p < values.length; p++) {
                values[p] = ParameterTracks.compute(track, sources.get(p));
                String label = values.length == 1 ? bend.canonical() : bend.canonical() + " #" + (p + 1);
                labelled.put(unique(labelled, nextSuffix, label), values[p]);
            }
            tracks.add(values);
        }
        return new BendTracks(List.copyOf(bends), track.frameCount(), tracks, Collections.unmodifiableMap(labelled));
    }

    /** One entry per source, in bend order then parameter order (the plot's parameter panels). */
    public static Map<String, double[]> of(FeatureTrack track, List<BendSpec> bends) {
        return compute(track, bends).labelled();
    }

    /** The same tracks as {@code params[frame][bend][parameter]} for the whole track (short jobs, tests). */
    public static double[][][] perFrame(Map<String, double[]> tracks, List<BendSpec> bends, int frames) {
        List<double[]> ordered = new ArrayList<>(tracks.values());
        List<double[][]> grouped = new ArrayList<>(bends.size());
        int next = 0;
        for (BendSpec bend : bends) {
            double[][] values = new double[bend.sources().size()][];
            for (int p = 0; p < values.length; p++) {
                if (next == ordered.size()) {
                    throw new IllegalArgumentException("the bends have more sources than the " + ordered.size()
                            + " tracks given");
                }
                values[p] = ordered.get(next++);
            }
            grouped.add(values);
        }
        return new BendTracks(bends, frames, grouped, tracks).slice(0, frames);
    }

    /** Label (bend spec, "#n" per parameter) to one value per frame, in bend then parameter order. */
    public Map<String, double[]> labelled() { return labelled; }

    public int frameCount() { return frames; }

    /** {@code params[i][b][p]} = parameter p of bend b at frame {@code from + i}, for frames [from, to). */
    public double[][][] slice(int from, int to) {
        if (from < 0 || to > frames || from > to) {
            throw new IllegalArgumentException("frames [" + from + ", " + to + ") are outside the track of " + frames
                    + " frames");
        }
        double[][][] params = new double[to - from][bends.size()][];
        for (int b = 0; b < bends.size(); b++) {
            double[][] values = tracks.get(b);
            for (int i = 0; i < params.length; i++) {
                double[] frame = new double[values.length];
                for (int p = 0; p < values.length; p++) {
                    frame[p] = values[p][from + i];
                }
                params[i][b] = frame;
            }
        }
        return params;
    }

    /**
     * The label, or "label (n)" with the next free n. {@code nextSuffix} remembers where the search for each
     * label stopped, so n identical bends cost O(n) in all, not O(n^2).
     */
    private static String unique(Map<String, double[]> taken, Map<String, Integer> nextSuffix, String label) {
        if (!taken.containsKey(label)) {
            return label;
        }
        int n = nextSuffix.getOrDefault(label, 2);
        while (taken.containsKey(label + " (" + n + ")")) {
            n++;
        }
        nextSuffix.put(label, n + 1);
        return label + " (" + n + ")";
    }
}
