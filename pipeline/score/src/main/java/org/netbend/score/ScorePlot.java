package org.netbend.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.plan.FeaturePlot;
import org.netbend.plan.FeatureTrack;

/**
 * The score's PNG, drawn by PLAN's {@link FeaturePlot} so it reads like features.png: the audio onsets on top,
 * then each video's per-frame change (1 - SSIM) and motion, the job's rms, and each bend's parameter track below.
 * With two videos of one track, both videos' panels and both jobs' parameter tracks (prefixed A:, B:).
 */
public final class ScorePlot {
    private static final int PANEL_HEIGHT = 150;

    private ScorePlot() { }

    public static void write(List<VideoScore> scores, List<ScoredJob> jobs, Path out) throws IOException {
        FeatureTrack first = jobs.get(0).features();
        int frames = first.frameCount();
        boolean prefixed = scores.size() > 1;
        Map<String, float[]> panels = new LinkedHashMap<>();
        Map<String, double[]> parameters = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            String prefix = prefixed ? (char) ('A' + i) + ": " : "";
            FrameChanges changes = scores.get(i).changes();
            if (changes.frameCount() == frames) {
                panels.put(prefix + "change (1-SSIM)", toFloat(changes.change()));
                panels.put(prefix + "motion (px)", toFloat(changes.motion()));
            }
            if (jobs.get(i).features().frameCount() == frames) {
                jobs.get(i).tracks().labelled().forEach((label, track) -> parameters.put(prefix + label, track));
            }
        }
        if (first.has("rms")) {
            panels.put("rms", first.feature("rms"));
        }
        double[] onsetTimes = new double[jobs.get(0).onsetFrames().length];
        for (int k = 0; k < onsetTimes.length; k++) {
            onsetTimes[k] = jobs.get(0).onsetFrames()[k] / first.fps();
        }
        FeatureTrack shown = new FeatureTrack(first.fps(), frames, first.durationSeconds(), first.sampleRate(),
                panels, null, onsetTimes, null);
        int height = Math.min(4000, Math.max(600, PANEL_HEIGHT * (panels.size() + 1
                + FeaturePlot.parameterPanels(parameters.size()))));
        FeaturePlot.writePng(shown, new ArrayList<>(panels.keySet()), parameters, out, 1600, height);
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
