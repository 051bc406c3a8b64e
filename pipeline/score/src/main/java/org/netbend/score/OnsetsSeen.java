package org.netbend.score;

import java.util.ArrayList;
import java.util.List;

/**
 * Which audio onsets the picture shows: peaks of the frame-to-frame change matched to onset frames within
 * {@link #TOLERANCE} frames (each peak and each onset matched at most once, nearest first).
 *
 * <p>A peak is a frame t >= 1 whose change is at least its neighbours' (strictly above the previous one) and above
 * {@code median + 3 * 1.4826 * MAD} of the change over the video (a robust "clearly above the usual change"),
 * and above {@link #FLOOR} (encoder noise on a still picture).
 *
 * @param onsets     audio onset frames
 * @param peaks      visual-change peak frames
 * @param matched    pairs matched
 * @param precision  matched / peaks (1 when there are no peaks)
 * @param recall     matched / onsets (1 when there are no onsets)
 * @param f          2PR / (P + R)
 */
public record OnsetsSeen(int[] onsets, int[] peaks, int matched, double precision, double recall, double f) {
    public static final int TOLERANCE = 1;
    /** 1 - SSIM below this is no visible change (H.264 at CRF 18 on an unchanged picture stays far below). */
    public static final double FLOOR = 0.01;

    public static OnsetsSeen of(double[] change, int[] onsetFrames) {
        int[] peaks = peaks(change);
        boolean[] used = new boolean[peaks.length];
        int matched = 0;
        for (int onset : onsetFrames) {
            int best = -1;
            for (int i = 0; i < peaks.length; i++) {
                int distance = Math.abs(peaks[i] - onset);
                if (!used[i] && distance <= TOLERANCE
                        && (best < 0 || distance < Math.abs(peaks[best] - onset))) {
                    best = i;
                }
            }
            if (best >= 0) {
                used[best] = true;
                matched++;
            }
        }
        double precision = peaks.length == 0 ? 1 : matched / (double) peaks.length;
        double recall = onsetFrames.length == 0 ? 1 : matched / (double) onsetFrames.length;
        double f = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new OnsetsSeen(onsetFrames.clone(), peaks, matched, precision, recall, f);
    }

    static int[] peaks(double[] change) {
        double threshold = Math.max(FLOOR, Robust.median(change, 1) + 3 * 1.4826 * Robust.mad(change, 1));
        List<Integer> found = new ArrayList<>();
        for (int t = 1; t < change.length; t++) {
            double next = t + 1 < change.length ? change[t + 1] : Double.NEGATIVE_INFINITY;
            if (change[t] > threshold && change[t] > change[t - 1] && change[t] >= next) {
                found.add(t);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Onset times in seconds to the frames that hold them (frame i covers [i / fps, (i + 1) / fps)). */
    public static int[] frames(double[] onsetTimes, double fps, int frameCount) {
        return java.util.Arrays.stream(onsetTimes).mapToInt(t -> (int) Math.floor(t * fps + 1e-9))
                .filter(f -> f >= 0 && f < frameCount).distinct().toArray();
    }
}
