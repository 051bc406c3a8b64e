package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MinMaxDecimationTest {

    @Test
    void keepsTheLowestAndHighestFrameOfEachColumnInTimeOrder() {
        // 12 frames at 2 fps into 3 columns: frames [0,4), [4,8), [8,12).
        float[] values = {0, 5, 1, -2, 3, 3, 3, 3, 0, 0, 9, 0};
        double[][] points = MinMaxDecimation.decimate(values, 2, 3);
        // column 0: max 5 at frame 1, then min -2 at frame 3; column 1 is flat: one point (frame 4);
        // column 2: min 0 at frame 8 (the first of the equal zeros), then max 9 at frame 10.
        assertArrayEquals(new double[] {0.5, 1.5, 2.0, 4.0, 5.0}, points[0], 0);
        assertArrayEquals(new double[] {5, -2, 3, 0, 9}, points[1], 0);
    }

    @Test
    void shortSeriesKeepEveryFrame() {
        double[] values = {1, 2, 3, 4, 5, 6};
        double[][] points = MinMaxDecimation.decimate(values, 20, 3);
        assertArrayEquals(new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25}, points[0], 1e-12);
        assertArrayEquals(values, points[1], 0);
    }

    @Test
    void aOneFramePeakInAnHourSurvives() {
        float[] hour = new float[72_000];
        hour[40_017] = 1;       // not on any column boundary; subsampling every 45th frame would miss it
        hour[70_001] = -0.5f;   // and a one-frame dip
        double[][] points = MinMaxDecimation.decimate(hour, 20, 1600);
        assertTrue(points[0].length <= 3200, "at most two points per column, got " + points[0].length);
        int peaks = 0;
        int dips = 0;
        for (int i = 0; i < points[0].length; i++) {
            if (points[1][i] == 1) {
                assertEquals(40_017 / 20.0, points[0][i], 1e-9, "the peak stays at its own time");
                peaks++;
            } else if (points[1][i] == -0.5) {
                assertEquals(70_001 / 20.0, points[0][i], 1e-9);
                dips++;
            }
            if (i > 0) {
                assertTrue(points[0][i] > points[0][i - 1], "time increases");
            }
        }
        assertEquals(1, peaks);
        assertEquals(1, dips);
    }

    @Test
    void rejectsAPlotWithoutColumns() {
        assertThrows(IllegalArgumentException.class, () -> MinMaxDecimation.decimate(new float[10], 20, 0));
    }
}
