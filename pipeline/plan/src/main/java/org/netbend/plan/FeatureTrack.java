package org.netbend.plan;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One value per video frame for each computed feature.
 *
 * @param fps             video frame rate
 * @param frameCount      ceil(samples · fps / sampleRate), from the decoded sample count
 * @param durationSeconds decoded samples / sampleRate
 * @param sampleRate      analysis rate in Hz
 * @param features        feature name (see {@link org.netbend.core.FeatureNames}) to frameCount values, in
 *                        insertion order; the arrays are shared, do not modify them
 * @param tempoBpm        the local tempo per frame in BPM (0 where no beat was found or tempo was not computed)
 * @param onsetTimes      onset times in seconds, ascending (empty when onsets were not computed)
 * @param beatTimes       beat times in seconds, ascending (empty when beats were not computed)
 */
public record FeatureTrack(double fps, int frameCount, double durationSeconds, int sampleRate,
        Map<String, float[]> features, double[] tempoBpm, double[] onsetTimes, double[] beatTimes) {

    /** A track without event times. */
    public FeatureTrack(double fps, int frameCount, double durationSeconds, int sampleRate,
            Map<String, float[]> features, double[] tempoBpm) {
        this(fps, frameCount, durationSeconds, sampleRate, features, tempoBpm, null, null);
    }

    public FeatureTrack {
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("frame count must not be negative, got " + frameCount);
        }
        if (features == null) {
            throw new IllegalArgumentException("features must not be null");
        }
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        for (Map.Entry<String, float[]> entry : features.entrySet()) {
            if (entry.getValue() == null || entry.getValue().length != frameCount) {
                throw new IllegalArgumentException("feature '" + entry.getKey() + "' has "
                        + (entry.getValue() == null ? "no" : entry.getValue().length) + " values, expected "
                        + frameCount + " (one per frame)");
            }
        }
        if (tempoBpm == null) {
            tempoBpm = new double[frameCount];
        } else if (tempoBpm.length != frameCount) {
            throw new IllegalArgumentException("tempoBpm has " + tempoBpm.length + " values, expected "
                    + frameCount + " (one per frame)");
        }
        onsetTimes = checkedTimes(onsetTimes, "onsetTimes");
        beatTimes = checkedTimes(beatTimes, "beatTimes");
    }

    private static double[] checkedTimes(double[] times, String name) {
        if (times == null) {
            return new double[0];
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i]) || times[i] < 0 || (i > 0 && times[i] < times[i - 1])) {
                throw new IllegalArgumentException(name + " must be ascending times in seconds, not negative;"
                        + " value " + i + " is " + times[i]);
            }
        }
        return times;
    }

    /** The values of one feature; a clear error naming the features present if it was not computed. */
    public float[] feature(String name) {
        float[] values = features.get(name);
        if (values == null) {
            throw new IllegalArgumentException("feature '" + name + "' is not in this track; it has: "
                    + String.join(", ", features.keySet()));
        }
        return values;
    }

    public boolean has(String name) { return features.containsKey(name); }

    /** Start time of frame i in seconds. */
    public double timeOf(int frame) { return frame / fps; }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FeatureTrack that)) {
            return false;
        }
        if (Double.compare(fps, that.fps) != 0 || frameCount != that.frameCount
                || Double.compare(durationSeconds, that.durationSeconds) != 0 || sampleRate != that.sampleRate
                || !Arrays.equals(tempoBpm, that.tempoBpm) || !Arrays.equals(onsetTimes, that.onsetTimes)
                || !Arrays.equals(beatTimes, that.beatTimes)
                || !features.keySet().equals(that.features.keySet())) {
            return false;
        }
        for (String name : features.keySet()) {
            if (!Arrays.equals(features.get(name), that.features.get(name))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = (Double.hashCode(fps) * 31 + frameCount) * 31 + Arrays.hashCode(onsetTimes) * 17
                + Arrays.hashCode(beatTimes);
        for (Map.Entry<String, float[]> entry : features.entrySet()) {
            hash = hash * 31 + entry.getKey().hashCode() * 17 + Arrays.hashCode(entry.getValue());
        }
        return hash;
    }

    @Override
    public String toString() {
        return "FeatureTrack[fps=" + fps + ", frames=" + frameCount + ", duration=" + durationSeconds + " s, sr="
                + sampleRate + ", features=" + features.keySet() + "]";
    }
}
