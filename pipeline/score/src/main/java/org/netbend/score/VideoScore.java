package org.netbend.score;

import java.util.List;
import java.util.Map;

/**
 * One video's score against its job.
 *
 * @param video        the file's name as given
 * @param jobId        the job it was scored against
 * @param changes      the per-frame measures (1 - SSIM, optical flow)
 * @param bends        one entry per bend parameter, in bend order
 * @param features     the picture's change against each audio feature the job stored, by name
 * @param onsets       audio onsets seen as change peaks
 * @param flicker      change above the parameters' bandwidth
 * @param cuts         scene-cut frames
 * @param seconds      wall time of the measuring (decode + OpenCV + statistics)
 */
public record VideoScore(String video, String jobId, FrameChanges changes, List<BendScore> bends,
        Map<String, Reactivity> features, OnsetsSeen onsets, Flicker flicker, int[] cuts, double seconds) {

    public double meanChange() { return mean(changes.change()); }

    public double meanMotion() { return mean(changes.motion()); }

    private static double mean(double[] x) {
        double sum = 0;
        for (int t = 1; t < x.length; t++) {
            sum += x[t];
        }
        return x.length < 2 ? 0 : sum / (x.length - 1);
    }
}
