package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;

/**
 * Learned bends on a MiniCluster with the toy model: the track's pca(6) code drives code-matrix and code-prompts;
 * the fitted encoder is stored with the job; a one-hot code-prompts bend renders the plain prompt bit for bit; a
 * pca(8) code-field at the U-Net site mid changes the frames, and at gain 0 renders them bit for bit.
 */
class CodeRenderIT {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir Path temp;

    @Test
    void codeBendsRenderFromTheTracksCode() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("burst.wav"), 0.5, 0.5, 0.5);
        try (ObjectStore store = new LocalStore(temp.resolve("store"))) {
            JobRequest plain = Jobs.txt2img(store, audio, List.of(), 8);
            JobRequest matrix = Jobs.txt2img(store, audio, List.of("code-matrix@every=code(0..5)"), 8, "pca(6)");
            JobRequest prompts = Jobs.txt2img(store, audio,
                    List.of("code-prompts(3D mesh geometry|a red disc)@every=code(0),code(1)"), 8, "pca(6)");
            JobRequest oneHot = Jobs.txt2img(store, audio,
                    List.of("code-prompts(3D mesh geometry|a red disc,0.001)@every=1,0"), 8);
            JobRequest field = Jobs.txt2img(store, audio, List.of("code-field(8,2)@every/mid=code(0..7)"), 8, "pca(8)");
            JobRequest fieldShut = Jobs.txt2img(store, audio, List.of("code-field(8,0)@every/mid=code(0..7)"), 8,
                    "pca(8)");
            RunOptions options = Jobs.options(temp.resolve("store"), temp.resolve("cache"), 2, false);
            int frames = 0;
            for (JobRequest request : List.of(plain, matrix, prompts, oneHot, field, fieldShut)) {
                JobEvent done = LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request,
                        options, e -> { });
                frames = done.totalFrames();
            }
            assertEquals(15, frames);
            assertTrue(store.exists("jobs/" + matrix.jobId() + "/encoder.json"), "the fitted encoder is stored");
            String features = new String(store.get(new JobKeys(matrix.jobId()).features()).orElseThrow(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(features.contains("code(5)"), "features.json holds the code the bend reads");
            int matrixDiffers = 0;
            int promptsDiffer = 0;
            int fieldDiffers = 0;
            for (int f = 0; f < frames; f++) {
                byte[] reference = frame(store, plain, f);
                matrixDiffers += Arrays.equals(reference, frame(store, matrix, f)) ? 0 : 1;
                promptsDiffer += Arrays.equals(reference, frame(store, prompts, f)) ? 0 : 1;
                fieldDiffers += Arrays.equals(reference, frame(store, field, f)) ? 0 : 1;
                assertArrayEquals(reference, frame(store, fieldShut, f), "code-field at gain 0 at a site, frame " + f);
                assertArrayEquals(reference, frame(store, oneHot, f), "one-hot code-prompts is the plain prompt, frame "
                        + f);
            }
            assertTrue(matrixDiffers > frames / 2, "code-matrix changed " + matrixDiffers + " of " + frames);
            assertTrue(fieldDiffers > frames / 2, "code-field at mid changed " + fieldDiffers + " of " + frames);
            assertTrue(promptsDiffer > 0, "code-prompts changed " + promptsDiffer + " of " + frames);
        }
    }

    private static byte[] frame(ObjectStore store, JobRequest request, int f) throws Exception {
        return store.get(new JobKeys(request.jobId()).frame(f)).orElseThrow();
    }
}
