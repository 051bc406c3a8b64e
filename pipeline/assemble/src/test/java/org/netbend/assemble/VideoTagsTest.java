package org.netbend.assemble;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A video carries its job id in the container; the joiners keep it, and no packet changes for it. */
class VideoTagsTest {
    private static final VideoSettings SETTINGS = VideoAssemblerTest.SETTINGS;
    @TempDir Path temp;

    @Test
    void bothJoinsWriteTheJobIdAndChangeNoPacket() throws Exception {
        List<Path> chunks = List.of(
                TestMedia.chunk(temp.resolve("0.mp4"), 7, VideoAssemblerTest.RED, 48, 32, SETTINGS),
                TestMedia.chunk(temp.resolve("1.mp4"), 5, VideoAssemblerTest.BLUE, 48, 32, SETTINGS));
        Path wav = TestMedia.sineWav(temp.resolve("a.wav"), 0.6, 44_100);
        Path plain = temp.resolve("plain.mp4");
        Path tagged = temp.resolve("tagged.mp4");
        VideoAssembler.concatWithAudio(chunks, wav, plain, SETTINGS);
        VideoAssembler.concatWithAudio(chunks, wav, tagged, SETTINGS, "0123456789abcdef");

        assertEquals(Optional.empty(), VideoTags.jobIdOf(plain));
        assertEquals(Optional.of("0123456789abcdef"), VideoTags.jobIdOf(tagged));
        assertEquals(Optional.of("netbend-job:0123456789abcdef"), VideoTags.read(tagged));
        assertSamePackets(plain, tagged);

        Path m4a = temp.resolve("a.m4a");
        AacTrack.encode(wav, m4a, 0.6);
        Path copied = temp.resolve("copied.mp4");
        VideoAssembler.concatWithAacTrack(chunks, m4a, copied, SETTINGS, "job-7");
        assertEquals(Optional.of("job-7"), VideoTags.jobIdOf(copied), "the stream-copy join tags too");
        assertEquals(12, VideoProbe.probe(copied).frameCount());
    }

    @Test
    void anAlbumVideoListsItsTracksJobsInChapterOrderAndOnlyWhenEveryTrackHasOne() throws Exception {
        Path a = track("a", "aaaa", VideoAssemblerTest.RED);
        Path b = track("b", "bbbb", VideoAssemblerTest.GREEN);
        Path untagged = track("c", null, VideoAssemblerTest.BLUE);
        Path album = temp.resolve("album.mp4");
        AlbumJoiner.join(List.of(new AlbumTrack("B", b), new AlbumTrack("A", a)), album);
        assertEquals(List.of("bbbb", "aaaa"), VideoTags.albumJobIdsOf(album));
        assertEquals(Optional.empty(), VideoTags.jobIdOf(album), "an album is not one job");

        Path mixed = temp.resolve("mixed.mp4");
        AlbumJoiner.join(List.of(new AlbumTrack("A", a), new AlbumTrack("C", untagged)), mixed);
        assertEquals(List.of(), VideoTags.albumJobIdsOf(mixed), "a partial list would misname the chapters");
        assertEquals(Optional.empty(), VideoTags.read(mixed));
    }

    @Test
    void aNonIdIsRefusedAndAForeignCommentIsNoJobId() {
        assertThrows(IllegalArgumentException.class, () -> VideoTags.forJob("../x"));
        assertThrows(IllegalArgumentException.class, () -> VideoTags.forJob(""));
        assertThrows(IllegalArgumentException.class, () -> VideoTags.forAlbum(List.of("a", "b,c")));
        assertTrue(VideoTags.isJobId("0123456789abcdef"));
        assertTrue(!VideoTags.isJobId("..") && !VideoTags.isJobId("a/b") && !VideoTags.isJobId("a b"));
    }

    private Path track(String name, String jobId, int[] rgb) throws Exception {
        Path chunk = TestMedia.chunk(temp.resolve(name + "-chunk.mp4"), 6, rgb, 48, 32, SETTINGS);
        Path wav = TestMedia.sineWav(temp.resolve(name + ".wav"), 0.3, 44_100);
        Path out = temp.resolve(name + ".mp4");
        if (jobId == null) {
            VideoAssembler.concatWithAudio(List.of(chunk), wav, out, SETTINGS);
        } else {
            VideoAssembler.concatWithAudio(List.of(chunk), wav, out, SETTINGS, jobId);
        }
        return out;
    }

    private static void assertSamePackets(Path expected, Path actual) throws Exception {
        for (int type : new int[] {AVMEDIA_TYPE_VIDEO, AVMEDIA_TYPE_AUDIO}) {
            List<byte[]> a = TestMedia.packets(expected, type);
            List<byte[]> b = TestMedia.packets(actual, type);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i), b.get(i), "packet " + i + " of stream type " + type);
            }
        }
    }
}
