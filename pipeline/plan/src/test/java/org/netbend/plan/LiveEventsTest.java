package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Live onsets are offline's picks given within the stated delay; the causal beat tracker locks onto a click track. */
class LiveEventsTest {
    private static final Path DRUMS = Path.of("../../examples/drums.wav");
    private static final double FPS = 30;
    @TempDir Path temp;

    @Test
    void liveOnsetsAreOfflineOnsetsWithinTheDetectionDelay() throws Exception {
        AnalysisOptions options = AnalysisOptions.defaults(FPS).withFeatures(Set.of("onset", "rms"));
        AudioAnalysis offline = AudioAnalyzer.analyzeFully(DRUMS, options);
        LiveAnalysis live = hear(DRUMS, options, 1103);
        double delay = live.onsetDelaySeconds();
        assertTrue(delay > 0.045 && delay < 0.06, "detection delay " + delay);
        List<Integer> liveFrames = eventFrames(live.track(Set.of("onset")).feature("onset"));
        double[] onsets = offline.onsetTimes();
        assertTrue(onsets.length >= 8, "drums.wav has onsets: " + onsets.length);
        // each offline onset fires live on a frame from its own to the one holding onset + delay (+ 1 ms rounding)
        int found = 0;
        for (double t : onsets) {
            long first = (long) Math.floor(t * FPS);
            long last = (long) Math.floor((t + delay + 0.001) * FPS);
            if (liveFrames.stream().anyMatch(f -> f >= first && f <= last)) {
                found++;
            }
        }
        double recall = found / (double) onsets.length;
        double precision = Math.min(1, found / (double) liveFrames.size());
        System.out.printf("live onsets: delay %.1f ms, %d offline, %d live, recall %.3f, precision %.3f%n",
                delay * 1000, onsets.length, liveFrames.size(), recall, precision);
        assertTrue(recall >= 0.95 && precision >= 0.95, "recall " + recall + ", precision " + precision + ": live "
                + liveFrames + " vs offline " + java.util.Arrays.toString(onsets));
    }

    @ParameterizedTest
    @ValueSource(doubles = {120, 90, 150})
    void theCausalBeatTrackerLocksOntoAClickTrack(double bpm) throws Exception {
        int rate = AnalysisOptions.DEFAULT_SAMPLE_RATE;
        double[] clicks = TestAudio.beatTimes(bpm, 0.25, 12);
        Path wav = TestAudio.writeWav16(temp.resolve("clicks.wav"), TestAudio.clicks(clicks, 12, rate), rate);
        AnalysisOptions options = AnalysisOptions.defaults(FPS).withFeatures(Set.of("beat", "tempo", "beat_phase"));
        LiveAnalysis live = hear(wav, options, 735);
        FeatureTrack track = live.track(options.features());
        double settle = 4; // the 2 s the tracker needs plus 2 s for the window to fill
        float[] tempo = track.feature("tempo");
        double worstTempo = 0;
        for (int i = (int) (settle * FPS); i < tempo.length; i++) {
            worstTempo = Math.max(worstTempo, Math.abs(tempo[i] - bpm));
        }
        double worstBeat = 0;
        for (double click : clicks) {
            if (click >= settle) {
                double nearest = beats(track).stream().mapToDouble(f -> Math.abs((f + 0.5) / FPS - click)).min()
                        .orElse(1);
                worstBeat = Math.max(worstBeat, nearest);
            }
        }
        for (int i = 0; i < 2 * FPS - 1; i++) {
            assertEquals(0, tempo[i], "no tempo before 2 s heard, frame " + i);
        }
        System.out.printf("live beats at " + bpm + " BPM after %.0f s: worst tempo error %.2f BPM, worst beat frame centre"
                + " to click %.1f ms, first tempo at %.2f s%n", settle, worstTempo, worstBeat * 1000,
                firstNonZero(tempo) / FPS);
        for (int i = (int) (settle * FPS); i < tempo.length; i++) {
            assertEquals(bpm, tempo[i], 0.02 * bpm, "tempo of frame " + i);
        }
        List<Integer> beats = eventFrames(track.feature("beat"));
        int matched = 0;
        int expected = 0;
        for (double click : clicks) {
            if (click < settle) {
                continue;
            }
            expected++;
            // a beat frame [f/fps, (f+1)/fps) within 50 ms of the click
            if (beats.stream().anyMatch(f -> f / FPS <= click + 0.05 && (f + 1) / FPS >= click - 0.05)) {
                matched++;
            }
        }
        long extra = beats.stream().filter(f -> f / FPS >= settle).count() - matched;
        assertTrue(matched == expected && extra <= 1, matched + " of " + expected + " clicks after " + settle
                + " s have a predicted beat within 50 ms, " + extra + " beats elsewhere: " + beats);
        float[] phase = track.feature("beat_phase");
        double click = clicks[clicks.length - 3];
        float p = phase[(int) Math.floor(click * FPS)];
        assertTrue(p < 0.15 || p > 0.85, "beat phase near 0 at the click at " + click + " s: " + p);
    }

    private static LiveAnalysis hear(Path wav, AnalysisOptions options, int blockSize) throws Exception {
        LiveAnalysis live = new LiveAnalysis(options);
        try (AudioStream stream = AudioDecoder.open(wav, options.sampleRate())) {
            float[] block = new float[blockSize];
            for (int n = stream.read(block); n >= 0; n = stream.read(block)) {
                live.hear(block, n);
            }
        }
        live.end();
        return live;
    }

    private static List<Integer> beats(FeatureTrack track) { return eventFrames(track.feature("beat")); }

    private static int firstNonZero(float[] values) {
        int i = 0;
        while (i < values.length && values[i] == 0) {
            i++;
        }
        return i;
    }

    private static List<Integer> eventFrames(float[] impulses) {
        List<Integer> frames = new ArrayList<>();
        for (int i = 0; i < impulses.length; i++) {
            if (impulses[i] > 0) {
                frames.add(i);
            }
        }
        return frames;
    }
}
