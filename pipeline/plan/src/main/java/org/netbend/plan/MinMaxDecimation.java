package org.netbend.plan;

import java.util.function.IntToDoubleFunction;

/**
 * Shrinks a per-frame series to what a plot of a given pixel width can show: the frames are cut into
 * {@code columns} contiguous buckets (bucket b holds frames [floor(b·n/columns), floor((b+1)·n/columns))) and
 * each bucket keeps its smallest and its largest value, at their own frames, in time order. A peak one frame
 * wide therefore stays in the plot at its full height, which plain subsampling (every k-th frame) would lose.
 *
 * <p>An hour at 20 fps is 72,000 frames; drawn into 1,600 pixels that is 45 frames per column. The result has at
 * most 2·columns points, so the cost of drawing no longer grows with the track.
 */
final class MinMaxDecimation {
    private MinMaxDecimation() { }

    /**
     * @param frames  number of frames n
     * @param value   the value of frame i
     * @param fps     frames per second, for the time axis (x = i / fps)
     * @param columns the plot's width in pixels (at least 1)
     * @return {@code {x[], y[]}}, the layout of JFreeChart's {@code DefaultXYDataset}; every frame when
     *         n ≤ 2·columns
     */
    static double[][] decimate(int frames, IntToDoubleFunction value, double fps, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("a plot needs at least one pixel column, got " + columns);
        }
        if (frames <= 2L * columns) {
            double[][] all = new double[2][frames];
            for (int i = 0; i < frames; i++) {
                all[0][i] = i / fps;
                all[1][i] = value.applyAsDouble(i);
            }
            return all;
        }
        double[] x = new double[2 * columns];
        double[] y = new double[2 * columns];
        int points = 0;
        for (int b = 0; b < columns; b++) {
            int from = (int) ((long) b * frames / columns);
            int to = (int) ((long) (b + 1) * frames / columns);
            int lowest = from;
            int highest = from;
            double low = value.applyAsDouble(from);
            double high = low;
            for (int i = from + 1; i < to; i++) {
                double v = value.applyAsDouble(i);
                if (v < low) {
                    low = v;
                    lowest = i;
                } else if (v > high) {
                    high = v;
                    highest = i;
                }
            }
            int first = Math.min(lowest, highest);
            int second = Math.max(lowest, highest);
            x[points] = first / fps;
            y[points++] = first == lowest ? low : high;
            if (second != first) {
                x[points] = second / fps;
                y[points++] = second == highest ? high : low;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(x, points), java.util.Arrays.copyOf(y, points)};
    }

    static double[][] decimate(float[] values, double fps, int columns) {
        return decimate(values.length, i -> values[i], fps, columns);
    }

    static double[][] decimate(double[] values, double fps, int columns) {
        return decimate(values.length, i -> values[i], fps, columns);
    }
}
