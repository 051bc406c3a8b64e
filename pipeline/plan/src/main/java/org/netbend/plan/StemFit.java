package org.netbend.plan;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.netbend.core.FeatureNames;

/**
 * Fits a stem's features to the mix's frame grid: a longer stem is cut at the mix's last frame; after a shorter
 * stem's end every feature reads as silence (0), except the event clocks, which keep running from the stem's last
 * onset or beat, as they would over silence (a 0 there would read as "an onset just now").
 */
final class StemFit {
    private StemFit() { }

    static Map<String, float[]> fit(FeatureTrack stem, int frameCount, FrameClock clock) {
        Map<String, float[]> fitted = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> feature : stem.features().entrySet()) {
            float[] values = Arrays.copyOf(feature.getValue(), frameCount);
            if (stem.frameCount() < frameCount) {
                rerunClock(FeatureNames.base(feature.getKey()), stem, clock, values);
            }
            fitted.put(feature.getKey(), values);
        }
        return fitted;
    }

    private static void rerunClock(String base, FeatureTrack stem, FrameClock clock, float[] values) {
        double[] onsets = stem.onsetTimes() == null ? new double[0] : stem.onsetTimes();
        double[] beats = stem.beatTimes() == null ? new double[0] : stem.beatTimes();
        FloatSeries out = new FloatSeries(values.length);
        switch (base) {
            case "since_onset" -> EventClock.since(onsets, values.length, centre(clock), end(clock), out);
            case "since_beat" -> EventClock.since(beats, values.length, centre(clock), end(clock), out);
            case "beat_phase" -> EventClock.phase(beats, values.length, centre(clock), out);
            default -> {
                return;
            }
        }
        System.arraycopy(out.toArray(values.length), 0, values, 0, values.length);
    }

    private static IntToDoubleFunction centre(FrameClock clock) {
        return i -> ((clock.start(i) + clock.start(i + 1L)) / 2) / (double) clock.sampleRate();
    }

    private static IntToDoubleFunction end(FrameClock clock) {
        return i -> clock.start(i + 1L) / (double) clock.sampleRate();
    }
}
