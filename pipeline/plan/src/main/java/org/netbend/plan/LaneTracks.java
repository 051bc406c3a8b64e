package org.netbend.plan;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.netbend.core.FeatureNames;
import org.netbend.core.Lane;

/**
 * Puts a request's lanes into a feature track as {@code lane:NAME}, one value per frame at the frame's time
 * {@code i / fps}, so that bends read them like any feature (ranges, modifiers, {@code max(...)}) and
 * features.json and the plot show them.
 *
 * <p>A lane timed in beats uses the track's tempo estimate: the median of the local tempo ({@code tempo}, BPM)
 * over the frames where one was found; beat 0 is at 0 s, so {@code 8b} is at 8 · 60 / BPM seconds.
 */
public final class LaneTracks {
    private LaneTracks() { }

    /** The track with every lane added; the track itself when there are none. */
    public static FeatureTrack withLanes(FeatureTrack track, Map<String, Lane> lanes) {
        if (lanes.isEmpty()) {
            return track;
        }
        double secondsPerBeat = Double.NaN;
        Map<String, float[]> features = new LinkedHashMap<>(track.features());
        for (Map.Entry<String, Lane> entry : lanes.entrySet()) {
            Lane lane = entry.getValue();
            if (lane.inBeats() && Double.isNaN(secondsPerBeat)) {
                double bpm = tempoEstimate(track);
                if (!(bpm > 0)) {
                    throw new IllegalArgumentException("lane '" + entry.getKey() + "' is timed in beats, but no tempo "
                            + "was found in the track (no beats); give its times in seconds");
                }
                secondsPerBeat = 60 / bpm;
            }
            double[] values = new LaneCurve(lane, secondsPerBeat).perFrame(track.frameCount(), track.fps());
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            features.put(FeatureNames.LANE_PREFIX + entry.getKey(), floats);
        }
        return new FeatureTrack(track.fps(), track.frameCount(), track.durationSeconds(), track.sampleRate(), features,
                track.tempoBpm(), track.onsetTimes(), track.beatTimes());
    }

    /** The median local tempo in BPM over the frames that have one; 0 when none has. */
    public static double tempoEstimate(FeatureTrack track) {
        double[] found = Arrays.stream(track.tempoBpm()).filter(bpm -> bpm > 0).sorted().toArray();
        if (found.length == 0) {
            return 0;
        }
        int mid = found.length / 2;
        return found.length % 2 == 1 ? found[mid] : (found[mid - 1] + found[mid]) / 2;
    }

    /** True when any lane is timed in beats: the analysis must then estimate the tempo. */
    public static boolean needTempo(Map<String, Lane> lanes) {
        return lanes.values().stream().anyMatch(Lane::inBeats);
    }
}
