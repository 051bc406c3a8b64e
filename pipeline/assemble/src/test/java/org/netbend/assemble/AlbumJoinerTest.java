package org.netbend.assemble;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.RgbImage;

/** Track videos made as ASSEMBLE makes them (H.264 chunks + AAC), joined, and read back through FFmpeg. */
class AlbumJoinerTest {
    static final VideoSettings SETTINGS = VideoAssemblerTest.SETTINGS;
    @TempDir Path temp;
    List<AlbumTrack> tracks;

    @BeforeEach
    void threeTracks() throws Exception {
        tracks = List.of(
                new AlbumTrack("Intro", track("a", 7, VideoAssemblerTest.RED, 48, 32)),
                new AlbumTrack("Ständchen № 2", track("b", 12, VideoAssemblerTest.GREEN, 48, 32)),
                new AlbumTrack("Coda", track("c", 5, VideoAssemblerTest.BLUE, 48, 32)));
    }

    private Path track(String name, int frames, int[] rgb, int width, int height) throws Exception {
        Path chunk = TestMedia.chunk(temp.resolve(name + "-chunk.mp4"), frames, rgb, width, height, SETTINGS);
        Path wav = TestMedia.sineWav(temp.resolve(name + ".wav"), frames / SETTINGS.fps(), 44_100);
        return VideoAssembler.concatWithAudio(List.of(chunk), wav, temp.resolve(name + ".mp4"), SETTINGS) != null
                ? temp.resolve(name + ".mp4") : null;
    }

    @Test
    void theAlbumHoldsEveryTracksFramesInOrderWithOneChapterEachAndTheStreamsCopied() throws Exception {
        Path out = temp.resolve("album.mp4");
        AlbumVideo album = AlbumJoiner.join(tracks, out);

        VideoInfo info = VideoProbe.probe(out);
        assertEquals(album.info(), info, "the returned info is what the file holds");
        assertEquals(7 + 12 + 5, info.frameCount());
        assertEquals(24 / 20.0, info.durationSeconds(), 1e-9);
        assertTrue(info.hasAudio());
        assertEquals("aac", info.audioCodec());
        assertEquals(1.2, TestMedia.audioSeconds(out), 0.05, "about the video's length of audio");

        List<Chapter> chapters = Chapters.read(out);
        assertEquals(album.chapters(), chapters);
        assertEquals(List.of("Intro", "Ständchen № 2", "Coda"), chapters.stream().map(Chapter::title).toList());
        double[] bounds = {0, 0.35, 0.95, 1.2};
        for (int i = 0; i < 3; i++) {
            assertEquals(bounds[i], chapters.get(i).startSeconds(), 1e-3, "start of chapter " + i);
            assertEquals(bounds[i + 1], chapters.get(i).endSeconds(), 1e-3, "end of chapter " + i);
        }

        // A stream copy: the same codec parameters, and every video packet byte for byte the tracks' own.
        Parameters albumVideo = Parameters.of(out, AVMEDIA_TYPE_VIDEO);
        Parameters albumAudio = Parameters.of(out, AVMEDIA_TYPE_AUDIO);
        List<byte[]> trackVideo = new ArrayList<>();
        List<byte[]> trackAudio = new ArrayList<>();
        for (AlbumTrack track : tracks) {
            assertEquals(Parameters.of(track.video(), AVMEDIA_TYPE_VIDEO), albumVideo);
            assertEquals(Parameters.of(track.video(), AVMEDIA_TYPE_AUDIO), albumAudio);
            trackVideo.addAll(TestMedia.packets(track.video(), AVMEDIA_TYPE_VIDEO));
            trackAudio.addAll(TestMedia.audioPackets(track.video()));
        }
        List<byte[]> video = TestMedia.packets(out, AVMEDIA_TYPE_VIDEO);
        assertEquals(trackVideo.size(), video.size());
        for (int i = 0; i < video.size(); i++) {
            assertArrayEquals(trackVideo.get(i), video.get(i), "video packet " + i);
        }
        // Audio: the tracks' packets in order, with at most the two frames around each of the two seams left out.
        List<byte[]> audio = TestMedia.audioPackets(out);
        int matched = 0;
        for (byte[] packet : trackAudio) {
            if (matched < audio.size() && java.util.Arrays.equals(packet, audio.get(matched))) {
                matched++;
            }
        }
        assertEquals(audio.size(), matched, "every album audio packet is a track's, in order");
        assertTrue(trackAudio.size() - audio.size() <= 2 * 2, trackAudio.size() + " track packets, " + audio.size());

        List<RgbImage> frames = TestMedia.decode(out);
        assertEquals(24, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            int[] expected = i < 7 ? VideoAssemblerTest.RED : i < 19 ? VideoAssemblerTest.GREEN : VideoAssemblerTest.BLUE;
            for (int ch = 0; ch < 3; ch++) {
                assertEquals(expected[ch], TestMedia.mean(frames.get(i), ch), 6, "frame " + i + " channel " + ch);
            }
        }
    }

    @Test
    void aTrackOfAnotherSizeIsRefusedByNameAndNothingIsWritten() throws Exception {
        Path other = track("d", 4, VideoAssemblerTest.RED, 32, 32);
        Path out = temp.resolve("album.mp4");
        List<AlbumTrack> mixed = List.of(tracks.get(0), new AlbumTrack("Other", other));

        AssembleException e = assertThrows(AssembleException.class, () -> AlbumJoiner.join(mixed, out));

        assertTrue(e.getMessage().contains("track 2 'Other'") && e.getMessage().contains("32x32"), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(temp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("partial")), "no partial file left");
        }
    }

    @Test
    void aMissingTrackIsNamed() {
        List<AlbumTrack> missing = List.of(tracks.get(0), new AlbumTrack("Gone", temp.resolve("gone.mp4")));
        AssembleException e = assertThrows(AssembleException.class,
                () -> AlbumJoiner.join(missing, temp.resolve("album.mp4")));
        assertTrue(e.getMessage().contains("gone.mp4"), e.getMessage());
    }

    /** The codec parameters a stream copy must keep. */
    record Parameters(int codec, int width, int height, int format, int sampleRate, int channels, String extradata) {
        static Parameters of(Path file, int mediaType) throws Exception {
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
                grabber.start();
                for (int i = 0; i < grabber.getFormatContext().nb_streams(); i++) {
                    AVCodecParameters p = grabber.getFormatContext().streams(i).codecpar();
                    if (p.codec_type() == mediaType) {
                        byte[] extra = new byte[p.extradata_size()];
                        if (extra.length > 0) {
                            p.extradata().get(extra);
                        }
                        return new Parameters(p.codec_id(), p.width(), p.height(), p.format(), p.sample_rate(),
                                p.ch_layout().nb_channels(), java.util.HexFormat.of().formatHex(extra));
                    }
                }
            }
            throw new AssertionError(file + " has no stream of type " + mediaType);
        }
    }
}
