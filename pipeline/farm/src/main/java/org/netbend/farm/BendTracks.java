package org.netbend.farm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.bend.BendSpec;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.ParameterTracks;

/**
 * The per-frame parameter track of every bend source, labelled the way plots show them: the bend's canonical
 * spec, with "#n" for the n-th parameter of bends that take several.
 */
public final class BendTracks {
    private BendTracks() { }

    /** One entry per source, in bend order then parameter order. */
    public static Map<String, double[]> of(FeatureTrack track, List<BendSpec> bends) {
        Map<String, double[]> tracks = new LinkedHashMap<>();
        for (BendSpec bend : bends) {
            int count = bend.sources().size();
            for (int p = 0; p < count; p++) {
                String label = count == 1 ? bend.canonical() : bend.canonical() + " #" + (p + 1);
                tracks.put(label, ParameterTracks.compute(track, bend.sources().get(p)));
            }
        }
        return tracks;
    }

    /** The same tracks as {@code params[frame][bend][parameter]}, the layout segments carry. */
    public static double[][][] perFrame(Map<String, double[]> tracks, List<BendSpec> bends, int frames) {
        List<double[]> ordered = new ArrayList<>(tracks.values());
        double[][][] params = new double[frames][bends.size()][];
        int next = 0;
        for (int b = 0; b < bends.size(); b++) {
            int count = bends.get(b).sources().size();
            for (int f = 0; f < frames; f++) {
                params[f][b] = new double[count];
            }
            for (int p = 0; p < count; p++) {
                double[] values = ordered.get(next++);
                for (int f = 0; f < frames; f++) {
                    params[f][b][p] = values[f];
                }
            }
        }
        return params;
    }
}
