package org.netbend.score;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.plan.FeatureTrack;

/** Measures a video and scores it against its job: the one entry point of this package. */
public final class Scorer {
    /** Lags searched, in frames either way: a quarter of a second at 20 fps. */
    public static final int DEFAULT_MAX_LAG = 5;

    private final int maxSide;
    private final int maxLag;

    public Scorer(int maxSide, int maxLag) {
        if (maxLag < 0 || maxLag > 1000) {
            throw new IllegalArgumentException("the lag searched must be 0..1000 frames, got " + maxLag);
        }
        this.maxSide = maxSide;
        this.maxLag = maxLag;
    }

    public static Scorer defaults() {
        return new Scorer(FrameChanges.DEFAULT_MAX_SIDE, DEFAULT_MAX_LAG);
    }

    public VideoScore score(Path video, ScoredJob job) throws ScoreException {
        long start = System.nanoTime();
        FrameChanges changes = FrameChanges.measure(video, maxSide);
        FeatureTrack features = job.features();
        if (changes.frameCount() != features.frameCount()) {
            throw new ScoreException(video + " has " + changes.frameCount() + " frames but job " + job.jobId()
                    + " has " + features.frameCount() + ": it is not this job's video");
        }
        double[] change = visible(changes.change());
        List<BendScore> bends = new ArrayList<>();
        for (Map.Entry<String, double[]> track : job.tracks().labelled().entrySet()) {
            bends.add(BendScore.of(track.getKey(), track.getValue(), change, maxLag));
        }
        Map<String, Reactivity> byFeature = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> feature : features.features().entrySet()) {
            byFeature.put(feature.getKey(), Reactivity.best(change, toDouble(feature.getValue()), maxLag));
        }
        OnsetsSeen onsets = OnsetsSeen.of(changes.change(), job.onsetFrames());
        Flicker flicker = Flicker.of(change, job.tracks().labelled().values(), features.fps());
        int[] cuts = SceneCuts.of(changes.change());
        return new VideoScore(video.getFileName().toString(), job.jobId(), changes, bends, byFeature, onsets,
                flicker, cuts, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The change a viewer can see: c - {@link OnsetsSeen#FLOOR}, at least 0. Below the floor c is the encoder's
     * own noise (a key frame every 2 s makes a small periodic jump, which a bar-periodic feature would otherwise
     * "follow"), so a picture that never visibly changes correlates with nothing.
     */
    static double[] visible(double[] change) {
        double[] out = new double[change.length];
        for (int t = 0; t < change.length; t++) {
            out[t] = Math.max(0, change[t] - OnsetsSeen.FLOOR);
        }
        return out;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
