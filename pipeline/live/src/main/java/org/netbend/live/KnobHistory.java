package org.netbend.live;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each controller's value per analysis frame, so that {@code ccN@ctl} is a feature like {@code rms}: frame i
 * takes the knob's value when the loop saw frame i become ready. Only controllers a bend has read are kept.
 */
final class KnobHistory {
    private final Map<Integer, float[]> series = new LinkedHashMap<>();
    private int frames;

    /** Extends every kept controller to {@code readyFrames} frames with its current value. */
    void advance(int readyFrames, MidiKnobs knobs) {
        if (readyFrames <= frames) {
            return;
        }
        for (Map.Entry<Integer, float[]> entry : series.entrySet()) {
            float[] values = entry.getValue();
            if (values.length < readyFrames) {
                values = Arrays.copyOf(values, Math.max(readyFrames, values.length * 2));
                entry.setValue(values);
            }
            Arrays.fill(values, frames, readyFrames, knobs.value(entry.getKey()));
        }
        frames = readyFrames;
    }

    /** Starts keeping a controller; its past frames read 0 (not moved while nobody listened). */
    void keep(int controller) {
        series.computeIfAbsent(controller, k -> new float[Math.max(16, frames)]);
    }

    /** {@code ccN@ctl} to the values of the first {@code frameCount} frames. */
    Map<String, float[]> features(int frameCount) {
        Map<String, float[]> out = new LinkedHashMap<>();
        series.forEach((controller, values) -> out.put("cc" + controller + "@ctl", Arrays.copyOf(values, frameCount)));
        return out;
    }
}
