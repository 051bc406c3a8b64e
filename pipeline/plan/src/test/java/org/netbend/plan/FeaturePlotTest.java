package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/** The plot of an hour-long track: bounded work per series, and a one-frame event still drawn at full height. */
class FeaturePlotTest {
    private static final int FRAMES = 72_000; // 60 min at 20 fps
    private static final int WIDTH = 1600;
    private static final int HEIGHT = 600;

    private static FeatureTrack hourWithOnePeak(int peakFrame) {
        float[] rms = new float[FRAMES];
        float[] beat = new float[FRAMES];
        rms[peakFrame] = 1;
        beat[peakFrame] = 1;
        return new FeatureTrack(20, FRAMES, FRAMES / 20.0, 44_100, Map.of("rms", rms, "beat", beat), null);
    }

    @Test
    void everySeriesHasAtMostTwoPointsPerPixelColumn() {
        double[] parameter = new double[FRAMES];
        JFreeChart chart = FeaturePlot.chart(hourWithOnePeak(123), List.of("rms", "beat"), Map.of("p", parameter),
                WIDTH);
        List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getXYPlot()).getSubplots();
        assertEquals(3, panels.size());
        for (XYPlot panel : panels) {
            int items = panel.getDataset().getItemCount(0);
            assertTrue(items <= 2 * WIDTH, "points in " + panel.getRangeAxis().getLabel() + ": " + items);
        }
    }

    @Test
    void aConstantPanelGetsAReadableAxisAndABendLabelIsWrittenAcrossItsPanel() {
        String spec = "rotate-r1@40=rms[0..6.2831853]|envelope(5,300)|median(5)";
        JFreeChart chart = FeaturePlot.chart(hourWithOnePeak(10), List.of("rms"), Map.of(spec, new double[FRAMES]),
                WIDTH);
        XYPlot parameter = ((CombinedDomainXYPlot) chart.getXYPlot()).getSubplots().get(1);
        assertTrue(parameter.getRangeAxis().getRange().getLength() >= 1,
                "a constant 0 gets a range of at least 1, got " + parameter.getRangeAxis().getRange());
        assertTrue(parameter.getAnnotations().stream().anyMatch(a -> a instanceof XYTitleAnnotation t
                && ((TextTitle) t.getTitle()).getText().equals(spec)), "the whole spec is written in the panel");
        assertTrue(parameter.getRangeAxis().getLabel().length() < 12, "the axis keeps a short label");
    }

    @Test
    void aOneFramePeakInAnHourIsDrawnAtFullHeight() {
        int peakFrame = 40_017;
        ChartRenderingInfo info = new ChartRenderingInfo();
        JFreeChart chart = FeaturePlot.chart(hourWithOnePeak(peakFrame), List.of("rms"), Map.of(), WIDTH);
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT, info);
        Rectangle2D area = info.getPlotInfo().getSubplotInfo(0).getDataArea();
        XYPlot panel = ((CombinedDomainXYPlot) chart.getXYPlot()).getSubplots().get(0);
        int peakX = (int) Math.round(panel.getDomainAxis().valueToJava2D(peakFrame / 20.0, area, RectangleEdge.BOTTOM));
        int topY = (int) Math.round(panel.getRangeAxis().valueToJava2D(1, area, RectangleEdge.LEFT));
        // The line reaches the value 1 (within 2 pixels) at the peak's column, and nowhere far from it.
        assertTrue(drawnNear(image, peakX, topY), "peak drawn at x=" + peakX + ", y=" + topY);
        assertTrue(!drawnNear(image, peakX - 200, topY) && !drawnNear(image, peakX + 200, topY),
                "nothing at that height elsewhere");
    }

    @Test
    void onsetAndBeatTimesGetTheirOwnPanelAtTheirExactTimes() {
        float[] rms = new float[200];
        FeatureTrack track = new FeatureTrack(20, 200, 10, 44_100, Map.of("rms", rms), null,
                new double[] {1.013, 2.5, 7.25}, new double[] {2.5, 5.0});
        List<XYPlot> panels = ((CombinedDomainXYPlot) FeaturePlot.chart(track, List.of("rms"), Map.of(), WIDTH)
                .getXYPlot()).getSubplots();
        assertEquals(2, panels.size(), "events panel, then rms");
        XYPlot events = panels.get(0);
        assertEquals(9, events.getDataset().getItemCount(0), "three onsets, three points each");
        assertEquals(1.013, events.getDataset().getXValue(0, 1), 1e-12, "at the onset's exact time");
        assertEquals(0.6, events.getDataset().getYValue(0, 1), 1e-12);
        assertEquals(5.0, events.getDataset().getXValue(1, 4), 1e-12, "second beat");
        assertEquals(2, panels.get(1).getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(),
                "a line across the feature panel per beat");
    }

    @Test
    void unknownPanelIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeaturePlot.chart(hourWithOnePeak(1), List.of("pitch"), Map.of(), WIDTH));
        assertTrue(e.getMessage().contains("pitch"), e.getMessage());
    }

    private static boolean drawnNear(BufferedImage image, int x, int y) {
        for (int dx = -2; dx <= 2; dx++) {
            for (int dy = -2; dy <= 2; dy++) {
                int rgb = image.getRGB(x + dx, y + dy) & 0xffffff;
                if (isFeatureBlue(rgb)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The feature colour 0x1f77b4, allowing for antialiasing against the light background. */
    private static boolean isFeatureBlue(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return b > 140 && b - r > 60 && b - g > 20;
    }

    /** 300 bends (the job file had 60,000): one summary panel of three series, not one panel each. */
    @Test
    void manyBendsAreDrawnAsOneSummaryPanel() {
        Map<String, double[]> parameters = new java.util.LinkedHashMap<>();
        for (int b = 0; b < 300; b++) {
            double[] values = new double[FRAMES];
            values[b] = b + 1;
            parameters.put("add@1=rms[0.." + b + "]", values);
        }
        JFreeChart chart = FeaturePlot.chart(hourWithOnePeak(10), List.of("rms"), parameters, WIDTH);
        List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getXYPlot()).getSubplots();
        assertEquals(2, panels.size(), "rms and one summary of the bends");
        XYPlot summary = panels.get(1);
        assertEquals(3, summary.getDataset().getSeriesCount(), "highest, mean, lowest");
        for (int series = 0; series < 3; series++) {
            assertTrue(summary.getDataset().getItemCount(series) <= 2 * WIDTH);
        }
        assertEquals(300.0, summary.getRangeAxis().getUpperBound() >= 300 ? 300.0 : summary.getRangeAxis()
                .getUpperBound(), "the highest parameter of all bends is within the panel's range");
        assertEquals(12, FeaturePlot.parameterPanels(12));
        assertEquals(2, FeaturePlot.parameterPanels(13));
    }
}
