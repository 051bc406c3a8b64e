package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.assemble.AacTrack;
import org.netbend.assemble.ChunkEncoder;
import org.netbend.assemble.TestMedia;
import org.netbend.assemble.VideoInfo;
import org.netbend.assemble.VideoProbe;
import org.netbend.assemble.VideoSettings;
import org.netbend.core.RgbImage;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.job.JobStatus;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/**
 * PLAN stores the job's audio as AAC of the video's length; ASSEMBLE muxes it by stream copy, or encodes from the
 * original audio when it is missing or unusable. Real FFmpeg and a real local store.
 */
class JobAssemblerTest {
    /** 2.1 s of audio at 10 fps: 21 frames, in segments of 7. */
    private static final int FRAMES = 21;
    private static final double SECONDS = 2.1;

    @TempDir
    Path dir;

    private LocalStore store;
    private JobRequest request;
    private JobKeys keys;
    private List<Segment> segments;

    @BeforeEach
    void planAndRenderChunks() throws Exception {
        store = new LocalStore(dir.resolve("store"));
        // The track is longer than the video would be if it were cut to whole AAC frames: 2.1 s at 44.1 kHz is
        // 90.4 AAC frames, so the encoded track must be cut inside one.
        Path audio = TestAudio.silenceBurstSilence(dir.resolve("track.wav"), 0.5, 1.0, 0.6);
        request = Jobs.txt2img(store, audio, List.of(), 7);
        keys = new JobKeys(request.jobId());
        segments = new JobPlanner(store, dir.resolve("work")).plan(request);
        assertEquals(FRAMES, segments.get(segments.size() - 1).endFrame());
        VideoSettings settings = new VideoSettings(request.fps(), 18, "ultrafast", 40);
        for (Segment segment : segments) {
            Path chunk = dir.resolve("chunk-" + segment.index() + ".mp4");
            try (ChunkEncoder encoder = new ChunkEncoder(chunk, 16, 16, settings)) {
                for (int f = 0; f < segment.frames(); f++) {
                    encoder.add(solid(16, 16, 40 * segment.index()));
                }
            }
            store.putFile(ChunkSettings.key(request, segment.index()), chunk);
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void planStoresTheAudioAsAacOfTheVideosLength() throws Exception {
        AacTrack.Info track = AacTrack.probe(fetch(keys.encodedAudio(), "audio.m4a"));

        assertEquals(44_100, track.sampleRate());
        assertEquals(SECONDS, track.seconds(), track.frameSeconds());
    }

    @Test
    void assembleMuxesTheStoredTrackByStreamCopy() throws Exception {
        Path stored = fetch(keys.encodedAudio(), "stored.m4a");

        assertTrue(new JobAssembler(store, dir.resolve("work")).assemble(request.jobId(), segments.size(), FRAMES, false));

        Path video = fetch(keys.video(), "video.mp4");
        VideoInfo info = VideoProbe.probe(video);
        assertEquals(FRAMES, info.frameCount());
        assertEquals("aac", info.audioCodec());
        AacTrack.Info muxed = AacTrack.probe(video);
        assertEquals(info.durationSeconds(), muxed.seconds(), muxed.frameSeconds(), "audio as long as the video");
        assertSamePackets(TestMedia.audioPackets(stored), TestMedia.audioPackets(video));
        assertEquals(java.util.Optional.of(request.jobId()), org.netbend.assemble.VideoTags.jobIdOf(video),
                "the video names its job");
    }

    @Test
    void withoutTheStoredTrackAssembleEncodesTheOriginalAudio() throws Exception {
        store.delete(keys.encodedAudio());

        new JobAssembler(store, dir.resolve("work")).assemble(request.jobId(), segments.size(), FRAMES, false);

        Path video = fetch(keys.video(), "video.mp4");
        assertEquals("aac", VideoProbe.probe(video).audioCodec());
        AacTrack.Info audio = AacTrack.probe(video);
        assertEquals(SECONDS, audio.seconds(), audio.frameSeconds());
        assertEquals(java.util.Optional.of(request.jobId()), org.netbend.assemble.VideoTags.jobIdOf(video),
                "the encoding path names its job too");
    }

    @Test
    void anUnusableStoredTrackFallsBackToEncoding() throws Exception {
        store.put(keys.encodedAudio(), "not an m4a".getBytes(StandardCharsets.UTF_8));

        new JobAssembler(store, dir.resolve("work")).assemble(request.jobId(), segments.size(), FRAMES, false);

        AacTrack.Info audio = AacTrack.probe(fetch(keys.video(), "video.mp4"));
        assertEquals(SECONDS, audio.seconds(), audio.frameSeconds());
    }

    @Test
    void aRetriedPlanKeepsTheStoredTrackInsteadOfEncodingAgain() throws Exception {
        byte[] first = store.get(keys.encodedAudio()).orElseThrow();
        byte[] marker = "stored by an earlier attempt".getBytes(StandardCharsets.UTF_8);
        store.put(keys.encodedAudio(), marker);

        new JobPlanner(store, dir.resolve("work")).plan(request);

        assertArrayEquals(marker, store.get(keys.encodedAudio()).orElseThrow(), "PLAN did not encode again");
        store.delete(keys.encodedAudio());
        new JobPlanner(store, dir.resolve("work")).plan(request);
        assertArrayEquals(first, store.get(keys.encodedAudio()).orElseThrow(), "a missing track is encoded again, "
                + "identically");

        store.put(keys.encodedAudio(), marker);
        new JobPlanner(store, dir.resolve("work"), true).plan(request);
        assertArrayEquals(first, store.get(keys.encodedAudio()).orElseThrow(), "--force encodes it again");
        try (var left = Files.list(dir.resolve("work"))) {
            assertFalse(left.findAny().isPresent(), "PLAN's scratch folder is cleaned up");
        }
    }

    private Path fetch(String key, String name) throws IOException {
        Path file = dir.resolve("fetched").resolve(name);
        store.getFile(key, file);
        return file;
    }

    private static RgbImage solid(int width, int height, int level) {
        byte[] pixels = new byte[width * height * 3];
        java.util.Arrays.fill(pixels, (byte) level);
        return new RgbImage(width, height, pixels);
    }

    private static void assertSamePackets(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "audio packet count");
        assertTrue(expected.size() > 90, "2.1 s at 44.1 kHz is over 90 AAC frames, got " + expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "audio packet " + i + " was copied, not re-encoded");
        }
    }

    /**
     * In the service, an output key that holds another video ends the job FAILED with that message (issue 18: the
     * output copy threw and the job never ended); outside the service the same failure fails the Flink job.
     */
    @Test
    void inTheServiceARefusedOutputEndsTheJobFailedAndLeavesTheOtherVideo() throws Exception {
        store.put("videos/taken.mp4", new byte[] {9, 9});
        List<JobEvent> out = assembleWithOutput(true, "videos/taken.mp4");
        JobEvent last = out.get(out.size() - 1);
        assertEquals(JobEvent.Kind.FAILED, last.kind(), out.toString());
        assertTrue(last.detail().contains("'videos/taken.mp4' already holds another video"), last.detail());
        assertArrayEquals(new byte[] {9, 9}, store.get("videos/taken.mp4").orElseThrow(), "never replaced");
        assertEquals("FAILED", JobStatus.fromJson(new String(store.get(keys.status()).orElseThrow(),
                StandardCharsets.UTF_8)).state());

        Exception outside = assertThrows(Exception.class,
                () -> assembleWithOutput(false, "videos/taken.mp4"));
        assertTrue(outside.getMessage().contains("already holds another video"), outside.toString());
    }

    @Test
    void inTheServiceAFreeOutputReceivesTheVideo() throws Exception {
        List<JobEvent> out = assembleWithOutput(true, "videos/mine.mp4");
        assertEquals(JobEvent.Kind.DONE, out.get(out.size() - 1).kind(), out.toString());
        assertArrayEquals(store.get(keys.video()).orElseThrow(), store.get("videos/mine.mp4").orElseThrow());
    }

    private List<JobEvent> assembleWithOutput(boolean service, String output) throws Exception {
        RunOptions options = new RunOptions(dir.resolve("store").toString(), 1, false, "cpu", 1, 1,
                dir.resolve("cache").toString());
        String id = request.jobId();
        try (var assemble = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AssembleFunction(options, service)),
                JobEvent::jobId, Types.STRING)) {
            assemble.open();
            assemble.processElement(JobEvent.accepted(id, output), 0);
            for (Segment segment : segments) {
                assemble.processElement(JobEvent.segment(id, segment.index(), segment.endFrame() - 1,
                        false, FRAMES, segments.size(), new long[0], 0), 0);
            }
            return assemble.extractOutputValues();
        }
    }
}
