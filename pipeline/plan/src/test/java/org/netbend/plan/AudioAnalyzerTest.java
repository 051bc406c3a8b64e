package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.FeatureNames;

/** Features of synthesised signals whose answers are known in advance. */
class AudioAnalyzerTest {
    private static final int SR = 44_100;

    @TempDir
    Path dir;

    private Path wav(String name, float[] samples) throws Exception {
        return TestAudio.write(dir.resolve(name + ".wav"), samples, SR, 1, TestAudio.Format.WAV_F32);
    }

    /** Middle frames only: the first and last frames see the file's edges. */
    private static double[] middle(float[] values) {
        double[] out = new double[values.length - 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i + 2];
        }
        return out;
    }

    @Test
    void sineCentroidAndRmsMatchFrequencyAndAmplitude() throws Exception {
        double amplitude = 0.6;
        FeatureTrack track = AudioAnalyzer.analyze(wav("sine", TestAudio.sine(1000, amplitude, 2, SR)),
                AnalysisOptions.defaults(20));
        for (double centroid : middle(track.feature("centroid"))) {
            assertEquals(1000, centroid, 10, "centroid within 1 %");
        }
        for (double rms : middle(track.feature("rms"))) {
            assertEquals(amplitude / Math.sqrt(2), rms, 0.005 * amplitude / Math.sqrt(2), "rms within 0.5 %");
        }
        for (double zcr : middle(track.feature("zcr"))) {
            assertEquals(2 * 1000.0 / SR, zcr, 0.002, "two zero crossings per period");
        }
        // 1 kHz is in the mid band: all of the energy there, by Parseval.
        for (int i = 2; i < track.frameCount() - 2; i++) {
            assertEquals(amplitude / Math.sqrt(2), track.feature("mid")[i], 0.01, "mid band RMS");
            assertTrue(track.feature("low")[i] < 0.01 && track.feature("high")[i] < 0.01, "other bands empty");
            assertEquals(1000, track.feature("rolloff")[i], 2 * SR / 4096.0, "rolloff at the tone");
        }
    }

    @Test
    void whiteNoiseIsFlatterThanASine() throws Exception {
        FeatureTrack noise = AudioAnalyzer.analyze(wav("noise", TestAudio.whiteNoise(0.5, 2, SR, 3)),
                AnalysisOptions.defaults(20));
        FeatureTrack sine = AudioAnalyzer.analyze(wav("tone", TestAudio.sine(440, 0.5, 2, SR)),
                AnalysisOptions.defaults(20));
        double noiseFlatness = Arrays.stream(middle(noise.feature("flatness"))).min().orElseThrow();
        double sineFlatness = Arrays.stream(middle(sine.feature("flatness"))).max().orElseThrow();
        assertTrue(noiseFlatness > 0.3, "noise flatness " + noiseFlatness);
        assertTrue(sineFlatness < 0.01, "sine flatness " + sineFlatness);
        // White noise: centroid near the middle of 0..sr/2 (Hann-weighted uniform magnitude), spread near sr/(4√3).
        double centroid = Arrays.stream(middle(noise.feature("centroid"))).average().orElseThrow();
        assertEquals(SR / 4.0, centroid, 0.03 * SR / 4, "white noise centroid");
        double spread = Arrays.stream(middle(noise.feature("spread"))).average().orElseThrow();
        assertEquals(SR / 2.0 / Math.sqrt(12), spread, 0.05 * SR / 2 / Math.sqrt(12), "uniform spread");
        // The 440 Hz tone's chroma peaks on A (class 9).
        for (int i = 2; i < sine.frameCount() - 2; i++) {
            assertEquals(1f, sine.feature("chroma_9")[i], 1e-6);
            assertTrue(sine.feature("chroma_0")[i] < 0.05, "C is far from A");
        }
    }

    @Test
    void clickTrackAt120BpmGivesTempoAndPreciseOnsets() throws Exception {
        double[] clicks = TestAudio.beatTimes(120, 0.27, 12); // 0.27: mid-frame, not on a frame boundary
        AudioAnalysis analysis = AudioAnalyzer.analyzeFully(wav("clicks", TestAudio.clicks(clicks, 12.5, SR)),
                AnalysisOptions.defaults(20));
        FeatureTrack track = analysis.track();

        assertEquals(clicks.length, analysis.onsetTimes().length, "one onset per click: "
                + Arrays.toString(analysis.onsetTimes()));
        for (int i = 0; i < clicks.length; i++) {
            assertEquals(clicks[i], analysis.onsetTimes()[i], 0.010, "onset " + i + " within 10 ms");
            int frame = (int) Math.floor(clicks[i] * 20);
            assertEquals(1f, track.feature("onset")[frame], "onset flag on the click's frame " + frame);
            assertEquals(1f, track.feature("onset_env")[frame]);
        }
        float onsets = 0;
        for (float v : track.feature("onset")) {
            onsets += v;
        }
        assertEquals(clicks.length, onsets, "no other onset frames");
        // Envelope decays by exp(-1/(20·0.2)) per frame between clicks.
        int after = (int) Math.floor(clicks[3] * 20) + 1;
        assertEquals(Math.exp(-1 / 4.0), track.feature("onset_env")[after], 1e-6);

        for (int i = 40; i < track.frameCount() - 40; i++) {
            assertEquals(120, track.tempoBpm()[i], 1, "tempo at frame " + i);
            assertEquals(track.tempoBpm()[i], track.feature("tempo")[i], 1e-3);
        }
        assertTrue(analysis.beatTimes().length >= clicks.length - 2, "beats " + analysis.beatTimes().length);
        assertArrayEquals(analysis.onsetTimes(), track.onsetTimes(), "the track carries the exact times");
        assertArrayEquals(analysis.beatTimes(), track.beatTimes());
        float[] sinceOnset = track.feature("since_onset");
        float[] phase = track.feature("beat_phase");
        for (int i = 0; i < track.frameCount(); i++) {
            double centre = (i + 0.5) / 20;
            if (track.feature("onset")[i] == 1f) {
                assertEquals(Math.max(0, centre - onsetIn(analysis.onsetTimes(), i)), sinceOnset[i], 1e-4);
            }
            assertTrue(phase[i] >= 0 && phase[i] < 1, "phase in [0, 1) at frame " + i);
        }
        // Half way between two clicks (0.25 s after one, beat period 0.5 s) the phase is one half.
        int between = (int) Math.floor((clicks[6] + 0.25) * 20);
        double centre = (between + 0.5) / 20;
        assertEquals((centre - clicks[6]) / 0.5, phase[between], 0.03);
        assertEquals(centre - clicks[6], track.feature("since_beat")[between], 0.01);
    }

    private static double onsetIn(double[] onsets, int frame) {
        return Arrays.stream(onsets).filter(t -> Math.floor(t * 20) == frame).max().orElseThrow();
    }

    @Test
    void tempoChangeFrom100To140IsFollowed() throws Exception {
        double[] slow = TestAudio.beatTimes(100, 0.3, 12.3);
        double last = slow[slow.length - 1];
        double[] fast = TestAudio.beatTimes(140, last + 60 / 140.0, 24);
        double[] all = new double[slow.length + fast.length];
        System.arraycopy(slow, 0, all, 0, slow.length);
        System.arraycopy(fast, 0, all, slow.length, fast.length);
        FeatureTrack track = AudioAnalyzer.analyze(wav("change", TestAudio.clicks(all, 24.5, SR)),
                new AnalysisOptions(20, SR, Window.paper(), Set.of("tempo", "beat")));
        for (int i = 2 * 20; i < 9 * 20; i++) {
            assertEquals(100, track.tempoBpm()[i], 2, "slow part, frame " + i);
        }
        for (int i = 16 * 20; i < 22 * 20; i++) {
            assertEquals(140, track.tempoBpm()[i], 2, "fast part, frame " + i);
        }
    }

    @Test
    void silenceGivesZerosNotNaN() throws Exception {
        FeatureTrack track = AudioAnalyzer.analyze(wav("silence", new float[SR * 2]), AnalysisOptions.defaults(20));
        assertEquals(40, track.frameCount());
        assertEquals(FeatureNames.ALL, java.util.List.copyOf(track.features().keySet()));
        for (String name : FeatureNames.ALL) {
            for (float v : track.feature(name)) {
                assertEquals(0f, v, name + " of silence");
            }
        }
    }

    @Test
    void pitchOf220HzToneWithin1Percent() throws Exception {
        FeatureTrack track = AudioAnalyzer.analyze(wav("a3", TestAudio.sine(220, 0.4, 2, SR)),
                new AnalysisOptions(25, SR, Window.paper(), Set.of("pitch", "pitch_confidence")));
        assertEquals(java.util.List.of("pitch", "pitch_confidence"), java.util.List.copyOf(track.features().keySet()));
        for (double pitch : middle(track.feature("pitch"))) {
            assertEquals(220, pitch, 2.2);
        }
        for (double confidence : middle(track.feature("pitch_confidence"))) {
            assertTrue(confidence > 0.9, "confidence " + confidence);
        }
    }

    @Test
    void frameCountIsCeilOfDecodedSamplesTimesFps() throws Exception {
        // 1 s + 1 sample at 24 fps: the extra sample opens a 25th frame, which is zero-padded.
        float[] samples = TestAudio.sine(300, 0.5, 1, SR);
        samples = Arrays.copyOf(samples, SR + 1);
        FeatureTrack track = AudioAnalyzer.analyze(wav("odd", samples), AnalysisOptions.paperFeatures(24));
        assertEquals(25, track.frameCount());
        assertEquals((SR + 1) / (double) SR, track.durationSeconds(), 1e-12);
        assertTrue(track.feature("rms")[24] < 0.01, "the padded frame is nearly silent");

        FeatureTrack ntsc = AudioAnalyzer.analyze(wav("ntsc", TestAudio.sine(300, 0.5, 10, SR)),
                AnalysisOptions.paperFeatures(30000 / 1001.0));
        assertEquals(300, ntsc.frameCount(), "ceil(10 s · 29.97) = ceil(299.7) = 300");
    }

    @Test
    void centredWindowKeepsTheFrameGrid() throws Exception {
        Path file = wav("centred", TestAudio.sine(2000, 0.5, 2, SR));
        FeatureTrack paper = AudioAnalyzer.analyze(file, AnalysisOptions.defaults(30));
        FeatureTrack centred = AudioAnalyzer.analyze(file, AnalysisOptions.defaults(30).withWindow(
                Window.centred(100)));
        assertEquals(paper.frameCount(), centred.frameCount());
        for (int i = 3; i < centred.frameCount() - 3; i++) {
            assertEquals(2000, centred.feature("centroid")[i], 20);
            assertEquals(0.5 / Math.sqrt(2), centred.feature("rms")[i], 0.002);
        }
        // The first centred frame reaches 50 ms before 0, which is zeros: its RMS is lower.
        assertTrue(centred.feature("rms")[0] < paper.feature("rms")[0]);
    }

    @Test
    void paperFeaturesOnlyGivesTheSixInOrder() throws Exception {
        FeatureTrack track = AudioAnalyzer.analyze(wav("six", TestAudio.whiteNoise(0.3, 1, SR, 1)),
                AnalysisOptions.paperFeatures(20));
        assertEquals(FeatureNames.PAPER, java.util.List.copyOf(track.features().keySet()));
        assertEquals(0f, track.feature("flux")[0], "no predecessor, no flux");
        assertTrue(track.feature("flux")[5] > 0);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> track.feature("pitch"));
        assertTrue(e.getMessage().contains("rms, centroid, spread, skewness, kurtosis, flux"), e.getMessage());
    }

    @Test
    void stereoAtAnotherRateGivesTheSameFeaturesAsMono() throws Exception {
        float[] tone = TestAudio.sine(500, 0.5, 1, 48_000);
        Path stereo = TestAudio.write(dir.resolve("stereo.wav"), tone, 48_000, 2, TestAudio.Format.WAV_F32);
        FeatureTrack track = AudioAnalyzer.analyze(stereo, AnalysisOptions.paperFeatures(20));
        assertEquals(20, track.frameCount());
        assertEquals(44_100, track.sampleRate());
        for (double rms : middle(track.feature("rms"))) {
            assertEquals(0.5 / Math.sqrt(2), rms, 0.003, "channels are averaged, not summed");
        }
    }
}
