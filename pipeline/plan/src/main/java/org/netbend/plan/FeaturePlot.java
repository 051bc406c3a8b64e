package org.netbend.plan;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A PNG of the main features over time (one panel each, shared time axis), and below them one panel per
 * parameter track, labelled as the caller likes (e.g. the bend spec), so an artist sees what each bend will
 * receive before rendering. Works headless.
 */
public final class FeaturePlot {
    /** Shown when present, in this order. */
    static final List<String> MAIN_FEATURES = List.of("rms", "centroid", "flux", "onset_env", "beat", "tempo",
            "pitch", "low", "mid", "high");
    private static final Color FEATURE_COLOUR = new Color(0x1f77b4);
    private static final Color PARAMETER_COLOUR = new Color(0xd62728);
    private static final Color ONSET_COLOUR = new Color(0x2ca02c);
    private static final Color BEAT_COLOUR = new Color(0xff7f0e);
    /** Beat marks are drawn across every panel up to this many beats; beyond, only in the events panel. */
    static final int MAX_BEAT_LINES = 400;
    /**
     * Parameter tracks drawn one panel each up to this many; more are drawn as one summary panel (lowest, mean and
     * highest value per frame across them), so the plot's cost stays bounded whatever the number of bends.
     */
    public static final int MAX_PARAMETER_PANELS = 12;

    private FeaturePlot() { }

    /**
     * The default panels: {@link #MAIN_FEATURES} present in the track, any six of its features otherwise.
     *
     * @param parameterTracks label to one value per frame (frameCount values each); may be empty
     */
    public static void writePng(FeatureTrack track, Map<String, double[]> parameterTracks, Path out, int width,
            int height) throws IOException {
        writePng(track, defaultPanels(track), parameterTracks, out, width, height);
    }

    /**
     * One panel per named feature (each must be in the track), in the given order, then one per parameter track.
     * Every series is reduced to the smallest and largest value per pixel column ({@link MinMaxDecimation}), so
     * an hour-long track plots as fast as a minute and a one-frame peak still shows.
     */
    public static void writePng(FeatureTrack track, List<String> featurePanels, Map<String, double[]> parameterTracks,
            Path out, int width, int height) throws IOException {
        if (width < 100 || height < 100 || width > 20_000 || height > 20_000) {
            throw new IllegalArgumentException("plot size must be 100..20000 pixels a side, got " + width + "x"
                    + height);
        }
        ChartUtils.saveChartAsPNG(out.toFile(), chart(track, featurePanels, parameterTracks, width), width, height);
    }

    /**
     * {@link #MAIN_FEATURES} that the track has, in that order, then for each other source (stem, MIDI channel)
     * its rms or highest note; the track's first six features if it has none of these.
     */
    public static List<String> defaultPanels(FeatureTrack track) {
        List<String> shown = new ArrayList<>();
        for (String name : MAIN_FEATURES) {
            if (track.has(name)) {
                shown.add(name);
            }
        }
        for (String name : track.features().keySet()) {
            String base = org.netbend.core.FeatureNames.base(name);
            if (!name.equals(base) && (base.equals("rms") || base.equals("note"))) {
                shown.add(name);
            }
        }
        if (shown.isEmpty()) {
            shown.addAll(track.features().keySet().stream().limit(6).toList());
        }
        return shown;
    }

    /** @param columns pixel columns the series are decimated to (the image width is a safe upper bound) */
    static JFreeChart chart(FeatureTrack track, List<String> featurePanels, Map<String, double[]> parameterTracks,
            int columns) {
        NumberAxis time = new NumberAxis("time (s)");
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(6);
        if (track.onsetTimes().length > 0 || track.beatTimes().length > 0) {
            combined.add(eventPanel(track), 1);
        }
        for (String name : featurePanels) {
            double[][] points = MinMaxDecimation.decimate(track.feature(name), track.fps(), columns);
            boolean events = name.equals("beat") || name.equals("onset");
            XYPlot panel = panel(name, points, label(name), FEATURE_COLOUR, events);
            if (track.beatTimes().length <= MAX_BEAT_LINES) {
                for (double beat : track.beatTimes()) {
                    ValueMarker mark = new ValueMarker(beat, new Color(0xff, 0x7f, 0x0e, 0x50), new BasicStroke(1f));
                    panel.addDomainMarker(mark);
                }
            }
            combined.add(panel, 1);
        }
        for (Map.Entry<String, double[]> parameter : parameterTracks.entrySet()) {
            double[] values = parameter.getValue();
            if (values.length != track.frameCount()) {
                throw new IllegalArgumentException("parameter track '" + parameter.getKey() + "' has "
                        + values.length + " values, expected " + track.frameCount());
            }
        }
        if (parameterTracks.size() > MAX_PARAMETER_PANELS) {
            combined.add(summaryPanel(track, parameterTracks, columns), 2);
            return chart(track, combined);
        }
        for (Map.Entry<String, double[]> parameter : parameterTracks.entrySet()) {
            double[] values = parameter.getValue();
            double[][] points = MinMaxDecimation.decimate(values, track.fps(), columns);
            // A bend spec is longer than a panel is high: written across the panel, not up its axis.
            XYPlot plot = panel(parameter.getKey(), points, "parameter", PARAMETER_COLOUR, false);
            TextTitle title = new TextTitle(parameter.getKey(), new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            title.setBackgroundPaint(new Color(255, 255, 255, 200));
            plot.addAnnotation(new XYTitleAnnotation(0.005, 0.98, title, RectangleAnchor.TOP_LEFT));
            combined.add(plot, 1);
        }
        return chart(track, combined);
    }

    /** Panels the parameter tracks take: one each, or one summary beyond {@link #MAX_PARAMETER_PANELS}. */
    public static int parameterPanels(int parameterTracks) {
        return parameterTracks > MAX_PARAMETER_PANELS ? 2 : parameterTracks;
    }

    private static JFreeChart chart(FeatureTrack track, CombinedDomainXYPlot combined) {
        JFreeChart chart = new JFreeChart(String.format("features at %.3g fps, %d frames, %.1f s", track.fps(),
                track.frameCount(), track.durationSeconds()), JFreeChart.DEFAULT_TITLE_FONT, combined, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Many parameter tracks as one panel: per frame their lowest, mean and highest value, three series. */
    private static XYPlot summaryPanel(FeatureTrack track, Map<String, double[]> parameterTracks, int columns) {
        int frames = track.frameCount();
        double[] low = new double[frames];
        double[] mean = new double[frames];
        double[] high = new double[frames];
        Arrays.fill(low, Double.POSITIVE_INFINITY);
        Arrays.fill(high, Double.NEGATIVE_INFINITY);
        for (double[] values : parameterTracks.values()) {
            for (int f = 0; f < frames; f++) {
                low[f] = Math.min(low[f], values[f]);
                high[f] = Math.max(high[f], values[f]);
                mean[f] += values[f] / parameterTracks.size();
            }
        }
        String title = parameterTracks.size() + " bends: lowest, mean and highest parameter per frame";
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries("highest", MinMaxDecimation.decimate(high, track.fps(), columns));
        data.addSeries("mean", MinMaxDecimation.decimate(mean, track.fps(), columns));
        data.addSeries("lowest", MinMaxDecimation.decimate(low, track.fps(), columns));
        NumberAxis axis = new NumberAxis("parameters");
        axis.setAutoRangeIncludesZero(false);
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        Color faint = new Color(PARAMETER_COLOUR.getRed(), PARAMETER_COLOUR.getGreen(), PARAMETER_COLOUR.getBlue(), 0x80);
        renderer.setSeriesPaint(0, faint);
        renderer.setSeriesPaint(1, PARAMETER_COLOUR);
        renderer.setSeriesPaint(2, faint);
        fitConstant(axis, high);
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(new Color(0xf7f7f7));
        TextTitle label = new TextTitle(title, new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        label.setBackgroundPaint(new Color(255, 255, 255, 200));
        plot.addAnnotation(new XYTitleAnnotation(0.005, 0.98, label, RectangleAnchor.TOP_LEFT));
        return plot;
    }

    /**
     * The exact onset and beat times (not the frame flags): a short green tick per onset, a tall orange one per
     * beat, each drawn as (t, 0) → (t, h) → (t, 0).
     */
    private static XYPlot eventPanel(FeatureTrack track) {
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries("onsets", spikes(track.onsetTimes(), 0.6));
        data.addSeries("beats", spikes(track.beatTimes(), 1.0));
        NumberAxis axis = new NumberAxis("onsets | beats");
        axis.setRange(0, 1.05);
        axis.setTickLabelsVisible(false);
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ONSET_COLOUR);
        renderer.setSeriesPaint(1, BEAT_COLOUR);
        renderer.setSeriesStroke(0, new BasicStroke(1f));
        renderer.setSeriesStroke(1, new BasicStroke(1.4f));
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(new Color(0xf7f7f7));
        return plot;
    }

    private static double[][] spikes(double[] times, double height) {
        double[][] points = new double[2][3 * times.length];
        for (int i = 0; i < times.length; i++) {
            points[0][3 * i] = times[i];
            points[0][3 * i + 1] = times[i];
            points[0][3 * i + 2] = times[i];
            points[1][3 * i + 1] = height;
        }
        return points;
    }

    private static XYPlot panel(String key, double[][] points, String label, Color colour, boolean steps) {
        // Plain arrays: XYSeries boxes every point and checks each added x against all earlier ones (quadratic).
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries(key, points);
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        XYLineAndShapeRenderer renderer = steps ? new XYStepRenderer() : new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, colour);
        renderer.setSeriesStroke(0, new BasicStroke(1.2f));
        fitConstant(axis, points[1]);
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(new Color(0xf7f7f7));
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** A constant series gets a range of +-1 around it (or +-10 %), not the axis' own +-1e-8 around it. */
    private static void fitConstant(NumberAxis axis, double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min == max) {
            double half = Math.max(1, Math.abs(min) * 0.1);
            axis.setRange(min - half, max + half);
        }
    }

    private static String label(String feature) {
        return switch (feature) {
            case "centroid", "pitch" -> feature + " (Hz)";
            case "tempo" -> "tempo (BPM)";
            default -> feature;
        };
    }
}
