package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;

/**
 * Bends inside the U-Net driven by the audio, the whole road on a MiniCluster: silence, a loud burst, silence,
 * rendered with and without site bends whose parameter is the identity in silence (multiply by 1, rotate by 0).
 * Frames must differ where the audio is loud and be bit-identical where it is silent.
 */
class SiteRenderIT {
    private static final double FPS = 10;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir Path temp;

    @Test
    void siteBendsActWhereTheAudioIsLoudAndNowhereElse() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("burst.wav"), 1.0, 1.0, 1.0);
        Path cache = temp.resolve("cache");
        try (ObjectStore store = new LocalStore(temp.resolve("store"))) {
            JobRequest plain = Jobs.txt2img(store, audio, List.of(), 8);
            JobRequest bent = Jobs.txt2img(store, audio, List.of("multiply@every/mid=rms[1..3]",
                    "rotate-r1@0-20/down.0=rms[0..pi/2]", "threshold@every/up.1=rms[0..0.5]"), 8);
            RunOptions options = Jobs.options(temp.resolve("store"), cache, 2, false);
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), plain, options, e -> { });
            JobEvent done = LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), bent, options,
                    e -> { });

            int frames = (int) Math.ceil(3.0 * FPS);
            assertEquals(frames, done.totalFrames());
            assertEquals(10, BurstFrames.assertBentOnlyWhereLoud(store, plain.jobId(), bent.jobId(), frames, FPS, 1.0, 2.0));
        }
    }
}
