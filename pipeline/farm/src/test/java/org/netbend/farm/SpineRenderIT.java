package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.assemble.VideoInfo;
import org.netbend.assemble.VideoProbe;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;

/**
 * The whole road on a MiniCluster: silence, a loud burst, silence; rendered with and without
 * {@code add@40=rms[0..2]}. Frames must differ where the audio is loud and be identical where it is silent.
 */
class SpineRenderIT {
    private static final double FPS = 10;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir Path temp;

    @Test
    void bendActsWhereTheAudioIsLoudAndNowhereElse() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("burst.wav"), 1.0, 1.0, 1.0);
        Path cache = temp.resolve("cache");
        try (ObjectStore store = new LocalStore(temp.resolve("store"))) {
            JobRequest plain = Jobs.txt2img(store, audio, List.of(), 8);
            JobRequest bent = Jobs.txt2img(store, audio, List.of("add@40=rms[0..2]"), 8);
            RunOptions options = Jobs.options(temp.resolve("store"), cache, 2, false);

            List<JobEvent> events = new ArrayList<>();
            JobEvent plainDone = LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), plain,
                    options, events::add);
            JobEvent bentDone = LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), bent,
                    options, e -> { });

            int frames = (int) Math.ceil(3.0 * FPS);
            assertEquals(frames, plainDone.totalFrames());
            assertEquals(frames, events.stream().filter(e -> e.kind() == JobEvent.Kind.FRAME).count());

            assertEquals(10, BurstFrames.assertBentOnlyWhereLoud(store, plain.jobId(), bent.jobId(), frames, FPS, 1.0, 2.0));

            Path video = temp.resolve("bent.mp4");
            store.getFile(bentDone.detail(), video);
            VideoInfo info = VideoProbe.probe(video);
            assertEquals(frames, info.frameCount());
            assertTrue(info.hasAudio(), "the video must carry the input audio");
            assertEquals("h264", info.videoCodec());
        }
    }

    @Test
    void sameRequestRenderedTwiceGivesIdenticalFrames() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("short.wav"), 0.3, 0.6, 0.3);
        Path cache = temp.resolve("cache");
        try (ObjectStore first = new LocalStore(temp.resolve("first")); ObjectStore second = new LocalStore(temp.resolve("second"))) {
            JobRequest request1 = Jobs.txt2img(first, audio, List.of("rotate-r1@10=rms[0..2pi]"), 5);
            JobRequest request2 = Jobs.txt2img(second, audio, List.of("rotate-r1@10=rms[0..2pi]"), 5);
            assertEquals(request1.jobId(), request2.jobId(), "the job id depends on the request only");
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request1,
                    Jobs.options(temp.resolve("first"), cache, 1, false), e -> { });
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request2,
                    Jobs.options(temp.resolve("second"), cache, 2, false), e -> { });
            JobKeys keys = new JobKeys(request1.jobId());
            List<String> frames = first.list(keys.framesPrefix());
            assertEquals(12, frames.size());
            for (String key : frames) {
                assertArrayEquals(first.get(key).orElseThrow(), second.get(key).orElseThrow(), key);
            }
        }
    }

    @Test
    void aStoredFrameThatCannotBeReadIsRenderedAgain() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("cut.wav"), 0.2, 0.3, 0.2);
        Path root = temp.resolve("cut-store");
        try (ObjectStore store = new LocalStore(root)) {
            JobRequest request = Jobs.txt2img(store, audio, List.of("add@40=rms[0..2]"), 4);
            RunOptions options = Jobs.options(root, temp.resolve("cache"), 1, false);
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request, options, e -> { });
            JobKeys keys = new JobKeys(request.jobId());
            byte[] original = store.get(keys.frame(5)).orElseThrow();

            // What a power cut during an unsynced write can leave: half a file, and the segment's chunk gone.
            store.put(keys.frame(5), java.util.Arrays.copyOf(original, original.length / 2));
            store.delete(ChunkSettings.key(request, 1));
            store.delete(keys.video());
            List<JobEvent> events = new ArrayList<>();
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request, options, events::add);

            assertArrayEquals(original, store.get(keys.frame(5)).orElseThrow(), "frame 5 is rendered again, identically");
            assertFalse(events.stream().anyMatch(e -> e.kind() == JobEvent.Kind.FRAME && e.frame() == 5 && e.resumed()),
                    "frame 5 does not count as resumed");
            assertTrue(events.stream().anyMatch(e -> e.kind() == JobEvent.Kind.FRAME && e.frame() == 4 && e.resumed()),
                    "its readable neighbours are reused");
            Path video = temp.resolve("cut.mp4");
            store.getFile(keys.video(), video);
            assertEquals(7, VideoProbe.probe(video).frameCount());
        }
    }

    /**
     * {@code --frames none}: no frame is stored, the chunks are byte-identical to a PNG run's (same pixels, same
     * encoder), a run interrupted after some segments resumes per segment (stored chunks are kept, the rest are
     * rendered), and the video has every frame.
     */
    @Test
    void withoutFramesTheChunksAreTheRecordAndAJobResumesPerSegment() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("none.wav"), 0.3, 0.6, 0.3);
        Path cache = temp.resolve("cache");
        try (ObjectStore png = new LocalStore(temp.resolve("png")); ObjectStore none = new LocalStore(temp.resolve("none"))) {
            JobRequest request = Jobs.txt2img(png, audio, List.of("rotate-r1@10=rms[0..2pi]"), 5);
            Jobs.txt2img(none, audio, List.of("rotate-r1@10=rms[0..2pi]"), 5);
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request,
                    Jobs.options(temp.resolve("png"), cache, 1, false), e -> { });
            RunOptions noFrames = Jobs.options(temp.resolve("none"), cache, 2, false).withKeepFrames(false);
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request, noFrames, e -> { });
            JobKeys keys = new JobKeys(request.jobId());
            assertEquals(List.of(), none.list(keys.framesPrefix()), "no frame is stored");
            List<String> chunks = png.list(keys.chunksPrefix());
            assertEquals(3, chunks.size());
            assertEquals(chunks, none.list(keys.chunksPrefix()));
            for (String key : chunks) {
                assertArrayEquals(png.get(key).orElseThrow(), none.get(key).orElseThrow(), key);
            }

            // as if the run had stopped after segment 0: segments 1 and 2 render again, segment 0 is kept
            none.delete(ChunkSettings.key(request, 1));
            none.delete(ChunkSettings.key(request, 2));
            none.delete(keys.video());
            none.delete(keys.status());
            List<JobEvent> events = new ArrayList<>();
            LocalRender.runOn(StreamExecutionEnvironment.getExecutionEnvironment(), request, noFrames, events::add);
            List<Integer> resumed = events.stream().filter(e -> e.kind() == JobEvent.Kind.FRAME && e.resumed())
                    .map(JobEvent::frame).sorted().toList();
            assertEquals(List.of(0, 1, 2, 3, 4), resumed, "only segment 0's frames come from the store");
            for (String key : chunks) {
                assertArrayEquals(png.get(key).orElseThrow(), none.get(key).orElseThrow(), key + " after resume");
            }
            Path video = temp.resolve("none.mp4");
            none.getFile(keys.video(), video);
            assertEquals(12, VideoProbe.probe(video).frameCount());
        }
    }
}
