package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live analysis is analyze's own pass fed as audio is heard: the same value on every frame, in any block size. */
class LiveAnalysisTest {
    @TempDir Path temp;

    @Test
    void everyLiveFeatureEqualsAnalyzeFrameByFrame() throws Exception {
        int rate = AnalysisOptions.DEFAULT_SAMPLE_RATE;
        float[] burst = TestAudio.sine(220, 0.6, 0.8, rate);
        float[] noise = TestAudio.whiteNoise(0.2, 0.8, rate, 7);
        for (int i = 0; i < burst.length; i++) {
            burst[i] += noise[i];
        }
        Path wav = TestAudio.writeWav16(temp.resolve("burst.wav"), TestAudio.concat(new float[(int) (0.4 * rate)],
                burst, new float[(int) (0.5 * rate)]), rate);
        AnalysisOptions options = AnalysisOptions.defaults(24).withFeatures(LiveAnalysis.liveFeatures());
        FeatureTrack offline = AudioAnalyzer.analyze(wav, options);
        LiveAnalysis live = new LiveAnalysis(options);
        try (AudioStream stream = AudioDecoder.open(wav, options.sampleRate())) {
            float[] block = new float[997]; // odd blocks: frame edges fall anywhere in them
            for (int n = stream.read(block); n >= 0; n = stream.read(block)) {
                live.hear(block, n);
                // a frame is ready only once its whole window has been heard
                assertTrue(live.framesReady() <= live.samplesHeard() * 24 / options.sampleRate(),
                        live.framesReady() + " frames ready after " + live.samplesHeard() + " samples");
            }
        }
        live.end();
        FeatureTrack heard = live.track(LiveAnalysis.liveFeatures());
        assertEquals(offline.frameCount(), heard.frameCount());
        for (String name : LiveAnalysis.liveFeatures()) {
            if (!java.util.List.of(LiveEvents.NAMES).contains(name)) { // onset_strength included; events: LiveEventsTest
                assertArrayEquals(offline.feature(name), heard.feature(name), name);
            }
        }
    }

    @Test
    void stemsHaveNoLiveForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LiveAnalysis(AnalysisOptions.defaults(24).withFeatures(Set.of("rms", "onset@drums"))));
        assertTrue(e.getMessage().contains("[onset@drums] have no live form"), e.getMessage());
    }

    @Test
    void aLiveControllerIsRefusedOffline() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSelection.readBy(
                java.util.List.of(new org.netbend.core.ParameterSource.Feature("cc7@ctl",
                        new org.netbend.core.Range(0, 1), java.util.List.of()))));
        assertTrue(e.getMessage().contains("live controller(s) [cc7@ctl]"), e.getMessage());
    }
}
