package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.EncoderSpec;
import org.netbend.core.FeatureNames;
import org.netbend.job.JobRequest;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioEncoder;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.plan.PcaEncoder;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/**
 * An encoder fitted on one track, saved by name, serves a second track: the same sound (silence) gets the same
 * code in both, the job id follows the stored encoder's content, and a missing name is one line.
 */
class NamedEncodersTest {
    @TempDir
    Path dir;

    @Test
    void aSavedEncoderCodesASecondTrackByName() throws Exception {
        Path first = TestAudio.silenceBurstSilence(dir.resolve("first.wav"), 0.5, 0.5, 0.5);
        Path second = TestAudio.silenceBurstSilence(dir.resolve("second.wav"), 0.3, 1.0, 0.4);
        AudioEncoder fitted = AudioAnalyzer.analyzeFully(first, AnalysisOptions.defaults(10)
                .withCodes(EncoderSpec.parse("pca(4)")).withFeatures(java.util.Set.of("rms")).withAllCodes())
                .encoder();
        try (LocalStore store = new LocalStore(dir.resolve("store"))) {
            assertEquals("encoders/album-1.json", NamedEncoders.save(store, "album-1", fitted));
            List<String> bends = List.of("add@0=code(0)", "add@1=code(1)", "add@2=code(2)", "add@3=code(3)");
            JobRequest named = Jobs.txt2img(store, second, bends, 8, "encoder:album-1");
            JobRequest pinned = NamedEncoders.pinned(store, named);
            assertTrue(pinned.codes().matches("encoder:album-1#[0-9a-f]{64}"), pinned.codes());
            assertNotEquals(named.jobId(), pinned.jobId(), "the pin is part of the job id");

            new JobPlanner(store, dir.resolve("work")).plan(pinned);
            FeatureTrack coded = FeatureTrackIo.fromJson(store.get(new JobKeys(pinned.jobId()).features())
                    .orElseThrow());
            float[] firstSilence = new float[4];
            float[] secondSilence = new float[4];
            for (int k = 0; k < 4; k++) {
                float[] own = AudioAnalyzer.analyze(first, AnalysisOptions.defaults(10).withEncoder(fitted)
                        .withFeatures(java.util.Set.of("rms")).withAllCodes()).feature(FeatureNames.code(k));
                firstSilence[k] = own[0];
                secondSilence[k] = coded.feature(FeatureNames.code(k))[0];
            }
            assertArrayEquals(firstSilence, secondSilence, "silence codes alike in both tracks through one encoder");

            // Another encoder saved under the same name: a new pin, a new job id; the old pin is refused.
            AudioEncoder other = AudioAnalyzer.analyzeFully(second, AnalysisOptions.defaults(10)
                    .withCodes(EncoderSpec.parse("pca(4)")).withFeatures(java.util.Set.of("rms")).withAllCodes())
                    .encoder();
            assertFalse(java.util.Arrays.equals(((PcaEncoder) fitted).mean(), ((PcaEncoder) other).mean()));
            NamedEncoders.save(store, "album-1", other);
            assertNotEquals(pinned.jobId(), NamedEncoders.pinned(store, named).jobId());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> NamedEncoders.read(store, pinned))
                    .getMessage().contains("changed since the request was built"));

            assertEquals("no encoder 'nope' in the store (encoders/nope.json); save one with analyze --codes ENCODER"
                    + " --save-encoder nope", assertThrows(IllegalArgumentException.class, () -> NamedEncoders.pinned(
                            store, named.withCodes("encoder:nope"))).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> NamedEncoders.pinned(store,
                    Jobs.txt2img(store, second, List.of("add@0=code(7)"), 8, "encoder:album-1")))
                    .getMessage().startsWith("code index out of range"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> NamedEncoders.read(store, named))
                    .getMessage().contains("is not pinned"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> named.withCodes("encoder:../x"))
                    .getMessage().startsWith("bad encoder name"));
        }
    }
}
