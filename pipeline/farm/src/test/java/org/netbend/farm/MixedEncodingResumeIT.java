package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.assemble.ChunkEncoder;
import org.netbend.assemble.VideoReader;
import org.netbend.assemble.VideoSettings;
import org.netbend.core.RgbImage;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;

/**
 * A few-step job half rendered by a version that encoded its chunks otherwise (x264 {@code medium}, x264's own
 * thread count, chunks under keys without their encoding) and resumed by this one: the old chunks are not
 * joined into the video; their segments are encoded again from the stored frames (no frame rendered again), and
 * the chunks and the video are those of an uninterrupted run.
 */
class MixedEncodingResumeIT {
    private static final int FRAMES = 12;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @TempDir Path temp;

    @Test
    void chunksOfAnotherEncodingAreEncodedAgainFromTheStoredFrames() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("few.wav"), 0.3, 0.6, 0.3); // 1.2 s: 12 frames
        Path cache = temp.resolve("cache");
        try (ObjectStore reference = new LocalStore(temp.resolve("reference"));
                ObjectStore resumed = new LocalStore(temp.resolve("resumed"))) {
            JobRequest request = Jobs.fewSteps(reference, audio, 4);
            Jobs.fewSteps(resumed, audio, 4);
            RunOptions referenceRun = Jobs.options(temp.resolve("reference"), cache, 1, false);
            RunOptions resumedRun = Jobs.options(temp.resolve("resumed"), cache, 1, false);
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request, referenceRun, e -> { });
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request, resumedRun, e -> { });
            JobKeys keys = new JobKeys(request.jobId());
            assertEquals("veryfast", ChunkSettings.of(request).preset(), "a few-step job takes the faster preset");

            // What the older version left: segments 0 and 1 with their frames and a medium chunk each under the
            // old key, segment 2 with half its frames and no chunk, no video.
            List<RgbImage> frames = StoredFrames.read(resumed, request.jobId(), FRAMES);
            VideoSettings medium = VideoSettings.defaults(request.fps());
            for (int s = 0; s < 3; s++) {
                resumed.delete(ChunkSettings.key(request, s));
            }
            for (int s = 0; s < 2; s++) {
                Path old = temp.resolve("old-" + s + ".mp4");
                try (ChunkEncoder encoder = new ChunkEncoder(old, 64, 64, medium)) {
                    for (int f = 4 * s; f < 4 * s + 4; f++) {
                        encoder.add(frames.get(f));
                    }
                }
                String oldKey = keys.chunksPrefix() + String.format("%05d.mp4", s);
                resumed.putFile(oldKey, old);
                assertFalse(Arrays.equals(Files.readAllBytes(old), reference.get(ChunkSettings.key(request, s))
                        .orElseThrow()), "the old chunk differs from this version's (else the test proves nothing)");
            }
            resumed.delete(keys.frame(10));
            resumed.delete(keys.frame(11));
            resumed.delete(keys.video());
            resumed.delete(keys.status());

            List<JobEvent> events = new ArrayList<>();
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request, resumedRun, events::add);

            List<Integer> rendered = events.stream().filter(e -> e.kind() == JobEvent.Kind.FRAME && !e.resumed())
                    .map(JobEvent::frame).distinct().sorted().toList();
            assertEquals(List.of(10, 11), rendered, "only the missing frames are rendered; the others are read back");
            for (int s = 0; s < 3; s++) {
                String key = ChunkSettings.key(request, s);
                assertArrayEquals(reference.get(key).orElseThrow(), resumed.get(key).orElseThrow(), key);
            }
            List<byte[]> expected = decode(reference, keys, "reference");
            List<byte[]> actual = decode(resumed, keys, "resumed");
            for (int f = 0; f < FRAMES; f++) {
                assertArrayEquals(expected.get(f), actual.get(f), "video frame " + f + " as in the uninterrupted run");
            }
        }
    }

    private List<byte[]> decode(ObjectStore store, JobKeys keys, String name) throws Exception {
        Path video = temp.resolve(name + ".mp4");
        store.getFile(keys.video(), video);
        List<byte[]> frames = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(video)) {
            for (RgbImage frame = reader.next(); frame != null; frame = reader.next()) {
                frames.add(frame.pixels());
            }
        }
        assertEquals(FRAMES, frames.size(), "frames in " + name + "'s video");
        return frames;
    }
}
