package org.netbend.live;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netbend.core.FeatureNames;
import org.netbend.core.ParameterSource;
import org.netbend.plan.FeatureSelection;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.ParameterTracks;

/**
 * A frame's bend parameters from what has been heard: {@link ParameterTracks} (the offline chain, unchanged) runs
 * over the features of every ready frame, and the frame takes the last value. So min-max scaling is over what has
 * been heard so far, {@code input(lo,hi)} is exactly offline, and the causal modifiers (delay ≥ 0, smooth,
 * envelope) match offline; median looks ahead offline, here it sees the edge repeated. Cost: O(frames heard) per
 * source per frame.
 */
final class LiveParameters {
    private LiveParameters() { }

    /** The audio features and knobs the bends read (for {@link org.netbend.plan.LiveAnalysis#track}). */
    static Set<String> featuresRead(List<LiveBend> bends) {
        Set<String> names = new LinkedHashSet<>();
        bends.forEach(bend -> names.addAll(read(bend.spec())));
        return names;
    }

    private static Set<String> read(org.netbend.bend.BendSpec spec) {
        return new LinkedHashSet<>(FeatureSelection.namesReadBy(spec.sources()));
    }

    /** params[b][p] for the frame, from {@code track} (audio features and knobs of the ready frames). */
    static double[][] of(List<LiveBend> bends, FeatureTrack track) {
        FeatureTrack source = track.frameCount() > 0 ? track : restingTrack(track);
        double[][] params = new double[bends.size()][];
        for (int b = 0; b < bends.size(); b++) {
            List<ParameterSource> sources = bends.get(b).spec().sources();
            params[b] = new double[sources.size()];
            for (int p = 0; p < sources.size(); p++) {
                double[] values = ParameterTracks.compute(source, sources.get(p));
                params[b][p] = values[values.length - 1];
            }
        }
        return params;
    }

    /** Before the first frame is ready: one silent frame, where every source rests at its range's lo. */
    private static FeatureTrack restingTrack(FeatureTrack empty) {
        Map<String, float[]> features = new LinkedHashMap<>();
        empty.features().keySet().forEach(name -> features.put(name, new float[1]));
        return new FeatureTrack(empty.fps(), 1, 0, empty.sampleRate(), features, null);
    }

    /** Checks a bend reads only what live has: live features, knobs ccN@ctl; lanes and stems are refused. */
    static void checkLive(org.netbend.bend.BendSpec spec, Set<String> liveFeatures) {
        for (String name : read(spec)) {
            if (FeatureNames.isLiveController(name)) {
                FeatureNames.liveController(name);
            } else if (FeatureNames.isLane(name)) {
                throw new IllegalArgumentException("'" + name + "' is a lane of a job file; live has no lanes (a knob"
                        + " is ccN@ctl)");
            } else if (!liveFeatures.contains(name)) {
                throw new IllegalArgumentException("feature '" + name + "' has no live form; live features: "
                        + String.join(", ", liveFeatures) + " and knobs ccN@ctl");
            }
        }
    }
}
