package org.netbend.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** score.json (version 1) and the table `netbend score` prints, one column per video. */
public final class ScoreReport {
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScoreReport() { }

    public static byte[] toJson(List<VideoScore> scores) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("measure", "1 - SSIM of consecutive frames (luma, OpenCV quality), optical flow in pixels"
                + " (OpenCV Farneback)");
        root.put("onsetToleranceFrames", OnsetsSeen.TOLERANCE);
        ArrayNode videos = root.putArray("videos");
        for (VideoScore score : scores) {
            videos.add(video(score));
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a score cannot be written as JSON", e); // numbers and strings only
        }
    }

    private static ObjectNode video(VideoScore score) {
        FrameChanges changes = score.changes();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("video", score.video());
        node.put("jobId", score.jobId());
        node.put("frames", changes.frameCount());
        node.put("fps", changes.fps());
        node.put("measuredSize", changes.width() + "x" + changes.height());
        node.put("meanChange", score.meanChange());
        node.put("meanMotionPixels", score.meanMotion());
        ArrayNode bends = node.putArray("bends");
        for (BendScore bend : score.bends()) {
            ObjectNode b = bends.addObject();
            b.put("bend", bend.bend());
            b.put("constant", bend.constant());
            b.put("reactivity", bend.reactivity());
            b.put("valueCorrelation", bend.value().correlation());
            b.put("valueLag", bend.value().lag());
            b.put("stepCorrelation", bend.step().correlation());
            b.put("stepLag", bend.step().lag());
        }
        ObjectNode features = node.putObject("features");
        for (Map.Entry<String, Reactivity> feature : score.features().entrySet()) {
            ObjectNode f = features.putObject(feature.getKey());
            f.put("correlation", feature.getValue().correlation());
            f.put("lag", feature.getValue().lag());
        }
        ObjectNode onsets = node.putObject("onsets");
        OnsetsSeen seen = score.onsets();
        onsets.put("audio", seen.onsets().length);
        onsets.put("peaks", seen.peaks().length);
        onsets.put("matched", seen.matched());
        onsets.put("precision", seen.precision());
        onsets.put("recall", seen.recall());
        onsets.put("f", seen.f());
        ints(onsets.putArray("onsetFrames"), seen.onsets());
        ints(onsets.putArray("peakFrames"), seen.peaks());
        ObjectNode flicker = node.putObject("flicker");
        flicker.put("bandwidthHz", score.flicker().bandwidthHz());
        flicker.put("fraction", score.flicker().fraction());
        ints(node.putArray("cuts"), score.cuts());
        node.put("seconds", score.seconds());
        ObjectNode series = node.putObject("series");
        doubles(series.putArray("change"), changes.change());
        doubles(series.putArray("motion"), changes.motion());
        return node;
    }

    private static void ints(ArrayNode array, int[] values) {
        for (int v : values) {
            array.add(v);
        }
    }

    private static void doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(Math.round(v * 1e6) / 1e6);
        }
    }

    /** The console table: one row per measure, one column per video; bends matched by label across videos. */
    public static String table(List<VideoScore> scores) {
        List<String> labels = new ArrayList<>();
        List<List<String>> columns = new ArrayList<>();
        labels.add("video");
        labels.add("job");
        labels.add("frames");
        labels.add("mean change (1-SSIM)");
        labels.add("mean motion (px)");
        Set<String> bendNames = new LinkedHashSet<>();
        scores.forEach(s -> s.bends().forEach(b -> bendNames.add(b.bend())));
        bendNames.forEach(name -> labels.add("reactivity " + name));
        labels.add("rms: r (lag)");
        labels.add("onsets P / R / F");
        labels.add("flicker (above Hz)");
        labels.add("scene cuts");
        labels.add("scored in (s)");
        for (VideoScore s : scores) {
            List<String> c = new ArrayList<>();
            c.add(s.video());
            c.add(s.jobId());
            c.add(String.valueOf(s.changes().frameCount()));
            c.add(num(s.meanChange()));
            c.add(num(s.meanMotion()));
            for (String name : bendNames) {
                c.add(s.bends().stream().filter(b -> b.bend().equals(name)).findFirst()
                        .map(b -> b.constant() ? "constant" : num(b.reactivity()) + " (lag "
                                + (Math.abs(b.value().correlation()) >= Math.abs(b.step().correlation())
                                        ? b.value().lag() : b.step().lag()) + ")")
                        .orElse("-"));
            }
            Reactivity rms = s.features().get("rms");
            c.add(rms == null ? "-" : num(rms.correlation()) + " (" + rms.lag() + ")");
            OnsetsSeen o = s.onsets();
            c.add(o.onsets().length == 0 ? "no onsets" : num(o.precision()) + " / " + num(o.recall()) + " / "
                    + num(o.f()));
            c.add(num(s.flicker().fraction()) + " (" + num(s.flicker().bandwidthHz()) + ")");
            c.add(String.valueOf(s.cuts().length));
            c.add(String.format(Locale.ROOT, "%.2f", s.seconds()));
            columns.add(c);
        }
        int labelWidth = labels.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < labels.size(); row++) {
            out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s", labels.get(row)));
            for (List<String> c : columns) {
                out.append("  ").append(String.format(Locale.ROOT, "%-18s", c.get(row)));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
