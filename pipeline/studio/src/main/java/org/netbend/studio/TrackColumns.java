package org.netbend.studio;

/**
 * A parameter track decimated to the columns of the lane that shows it: for each column of a time window, the
 * lowest and highest value of the frames under it. A 10-minute track at 20 fps is 12,000 values per bend; the
 * lane is about a thousand pixels wide, and min/max per pixel draws the same picture (every peak stays).
 *
 * @param min the lowest value under each column
 * @param max the highest value under each column
 */
record TrackColumns(float[] min, float[] max) {
    static final int MAX_COLUMNS = 8192;

    /**
     * @param values  one value per frame
     * @param fps     frames per second
     * @param from    the window's start in seconds
     * @param to      the window's end in seconds (after {@code from})
     * @param columns how many columns the window is drawn in
     */
    static TrackColumns of(double[] values, double fps, double from, double to, int columns) {
        float[] min = new float[columns];
        float[] max = new float[columns];
        int last = values.length - 1;
        if (last < 0) {
            return new TrackColumns(min, max); // no frames: a flat lane
        }
        double width = (to - from) / columns;
        for (int c = 0; c < columns; c++) {
            // Frames whose time falls in the column; a column narrower than a frame shows the frame under it.
            int lo = clamp(firstFrameAtOrAfter(from + c * width, fps), last);
            int hi = clamp(firstFrameAtOrAfter(from + (c + 1) * width, fps) - 1, last);
            if (hi < lo) {
                lo = clamp((int) Math.floor((from + c * width) * fps), last);
                hi = lo;
            }
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = lo; i <= hi; i++) {
                low = Math.min(low, values[i]);
                high = Math.max(high, values[i]);
            }
            min[c] = (float) low;
            max[c] = (float) high;
        }
        return new TrackColumns(min, max);
    }

    /** The first frame at or after {@code seconds}; a time a rounding error past a frame still counts as it. */
    private static int firstFrameAtOrAfter(double seconds, double fps) {
        return (int) Math.ceil(seconds * fps - 1e-9);
    }

    private static int clamp(int frame, int last) {
        return Math.max(0, Math.min(last, frame));
    }
}
