package org.netbend.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames where the picture is replaced rather than changed: 1 - SSIM of at least {@link #MIN_CHANGE} and at
 * least {@link #RATIO} times the median change of the {@link #HALF_WINDOW} frames on either side. A jump is a
 * cut only against calm neighbours: a video that changes wildly everywhere has no cuts, only flicker.
 */
public final class SceneCuts {
    public static final double MIN_CHANGE = 0.5;
    public static final double RATIO = 4;
    public static final int HALF_WINDOW = 4;

    private SceneCuts() { }

    public static int[] of(double[] change) {
        List<Integer> cuts = new ArrayList<>();
        for (int t = 1; t < change.length; t++) {
            if (change[t] < MIN_CHANGE) {
                continue;
            }
            double[] around = new double[2 * HALF_WINDOW];
            int n = 0;
            for (int s = Math.max(1, t - HALF_WINDOW); s <= Math.min(change.length - 1, t + HALF_WINDOW); s++) {
                if (s != t) {
                    around[n++] = change[s];
                }
            }
            double median = n == 0 ? 0 : Robust.median(Arrays.copyOf(around, n), 0);
            if (change[t] >= RATIO * median) {
                cuts.add(t);
            }
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }
}
