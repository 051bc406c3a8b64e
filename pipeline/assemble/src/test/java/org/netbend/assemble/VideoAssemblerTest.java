package org.netbend.assemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.RgbImage;

class VideoAssemblerTest {
    static final VideoSettings SETTINGS = new VideoSettings(20, 18, "veryfast", 40);
    static final int[] RED = {220, 30, 30};
    static final int[] GREEN = {30, 220, 30};
    static final int[] BLUE = {30, 30, 220};

    @TempDir
    Path temp;

    List<Path> chunks;

    @BeforeEach
    void threeChunksOfDifferentLengths() throws Exception {
        chunks = List.of(
                TestMedia.chunk(temp.resolve("00000.mp4"), 7, RED, 48, 32, SETTINGS),
                TestMedia.chunk(temp.resolve("00001.mp4"), 12, GREEN, 48, 32, SETTINGS),
                TestMedia.chunk(temp.resolve("00002.mp4"), 5, BLUE, 48, 32, SETTINGS));
    }

    @Test
    void joinedChunksHaveEveryFrameOnceInOrderWithTheAudioAsAac() throws Exception {
        Path audio = TestMedia.sineWav(temp.resolve("track.wav"), 2.0, 44_100); // longer than the video
        Path out = temp.resolve("out/video.mp4");

        VideoInfo info = VideoAssembler.concatWithAudio(chunks, audio, out, SETTINGS);

        assertEquals(info, VideoProbe.probe(out), "the returned info is what the file holds");
        assertEquals(24, info.frameCount());
        assertEquals(24 / 20.0, info.durationSeconds(), 1e-9);
        assertEquals(20.0, info.fps(), 1e-9);
        assertEquals("h264", info.videoCodec());
        assertEquals("yuv420p", info.pixelFormat());
        assertEquals(48, info.width());
        assertEquals(32, info.height());
        assertTrue(info.hasAudio());
        assertEquals("aac", info.audioCodec());

        List<RgbImage> frames = TestMedia.decode(out);
        assertEquals(24, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            int[] expected = i < 7 ? RED : i < 19 ? GREEN : BLUE;
            for (int ch = 0; ch < 3; ch++) {
                assertEquals(expected[ch], TestMedia.mean(frames.get(i), ch), 6.0, "frame " + i + " channel " + ch);
            }
        }
    }

    @Test
    void everyChunkBoundaryIsAKeyFrame() throws Exception {
        Path out = temp.resolve("video.mp4");
        VideoAssembler.concatWithAudio(chunks, null, out, SETTINGS);

        List<Integer> keys = VideoProbe.keyFrames(out);

        assertTrue(keys.containsAll(List.of(0, 7, 19)), "key frames " + keys);
    }

    @Test
    void theAudioIsCutToTheVideoLength() throws Exception {
        Path audio = TestMedia.sineWav(temp.resolve("long.wav"), 3.0, 48_000);
        Path out = temp.resolve("video.mp4");
        VideoAssembler.concatWithAudio(chunks, audio, out, SETTINGS);

        // AAC works in 1024-sample frames, so the end may round up by one frame (21 ms at 48 kHz).
        assertEquals(1.2, TestMedia.audioSeconds(out), 0.05);
    }

    @Test
    void aShortTrackIsPaddedWithSilenceToTheVideoLength() throws Exception {
        Path audio = TestMedia.sineWav(temp.resolve("short.wav"), 0.4, 48_000);
        Path out = temp.resolve("video.mp4");
        VideoAssembler.concatWithAudio(chunks, audio, out, SETTINGS);

        assertEquals(1.2, TestMedia.audioSeconds(out), 0.05);
    }

    @Test
    void aTrackEncodedAheadIsCutToTheVideoLengthAndMuxedByStreamCopy() throws Exception {
        Path wav = TestMedia.sineWav(temp.resolve("long.wav"), 3.0, 48_000);
        Path m4a = temp.resolve("audio.m4a");
        AacTrack.encode(wav, m4a, 24 / 20.0);
        AacTrack.Info track = AacTrack.probe(m4a);
        assertEquals(1024 / 48_000.0, track.frameSeconds(), 1e-12);
        assertEquals(1.2, track.seconds(), track.frameSeconds(), "encoded to the video's length");
        assertEquals(1.2, TestMedia.audioSeconds(m4a), track.frameSeconds(), "decoded samples agree");
        Path out = temp.resolve("out/video.mp4");

        VideoInfo info = VideoAssembler.concatWithAacTrack(chunks, m4a, out, SETTINGS);

        assertEquals(info, VideoProbe.probe(out));
        assertEquals(24, info.frameCount());
        assertEquals("aac", info.audioCodec());
        assertEquals(1.2, AacTrack.probe(out).seconds(), track.frameSeconds(), "muxed track's declared length");
        assertEquals(1.2, TestMedia.audioSeconds(out), track.frameSeconds(), "muxed track's decoded length");
        // A stream copy: the muxed packets are the encoded track's packets, byte for byte (a re-encode differs).
        List<byte[]> copied = TestMedia.audioPackets(out);
        List<byte[]> encoded = TestMedia.audioPackets(m4a);
        assertEquals(encoded.size(), copied.size(), "packet count");
        assertTrue(encoded.size() >= 56, "1.2 s at 48 kHz is at least 57 AAC frames, got " + encoded.size());
        for (int i = 0; i < encoded.size(); i++) {
            assertArrayEquals(encoded.get(i), copied.get(i), "audio packet " + i);
        }
    }

    @Test
    void encodingAheadAndEncodingWhileJoiningGiveTheSameAudio() throws Exception {
        Path wav = TestMedia.sineWav(temp.resolve("short.wav"), 0.4, 44_100); // padded with silence to 1.2 s
        Path m4a = temp.resolve("audio.m4a");
        AacTrack.encode(wav, m4a, 1.2);
        Path copied = temp.resolve("copied.mp4");
        Path encoded = temp.resolve("encoded.mp4");

        VideoAssembler.concatWithAacTrack(chunks, m4a, copied, SETTINGS);
        VideoAssembler.concatWithAudio(chunks, wav, encoded, SETTINGS);

        List<byte[]> a = TestMedia.audioPackets(copied);
        List<byte[]> b = TestMedia.audioPackets(encoded);
        assertEquals(b.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(b.get(i), a.get(i), "audio packet " + i);
        }
        assertArrayEquals(Files.readAllBytes(encoded), Files.readAllBytes(copied), "the same file either way");
    }

    @Test
    void aTrackOfAnotherLengthOrCodecIsRefusedAndNothingIsWritten() throws Exception {
        Path wav = TestMedia.sineWav(temp.resolve("long.wav"), 3.0, 48_000);
        Path m4a = temp.resolve("audio.m4a");
        AacTrack.encode(wav, m4a, 1.3); // 0.1 s longer than the video: more than one AAC frame (21 ms)
        Path out = temp.resolve("video.mp4");

        AssembleException tooLong = assertThrows(AssembleException.class,
                () -> VideoAssembler.concatWithAacTrack(chunks, m4a, out, SETTINGS));
        assertTrue(tooLong.getMessage().contains("lasts 1.300 s but the video 1.200 s"), tooLong.getMessage());

        AssembleException notAac = assertThrows(AssembleException.class,
                () -> VideoAssembler.concatWithAacTrack(chunks, wav, out, SETTINGS));
        assertTrue(notAac.getMessage().contains("is not AAC"), notAac.getMessage());

        AssembleException missing = assertThrows(AssembleException.class, () -> VideoAssembler.concatWithAacTrack(
                chunks, temp.resolve("none.m4a"), out, SETTINGS));
        assertTrue(missing.getMessage().contains("none.m4a does not exist"), missing.getMessage());
        assertFalse(Files.exists(out));
        assertNoLeftovers();
    }

    @Test
    void anAacTrackIsWrittenWholeOrNotAtAll() throws Exception {
        Path notAudio = Files.writeString(temp.resolve("notes.wav"), "just text");
        Path m4a = temp.resolve("audio.m4a");

        assertThrows(AssembleException.class, () -> AacTrack.encode(notAudio, m4a, 1.2));
        assertThrows(IllegalArgumentException.class, () -> AacTrack.encode(notAudio, m4a, 0));

        assertFalse(Files.exists(m4a));
        assertNoLeftovers();
    }

    @Test
    void withoutAudioTheVideoIsSilent() throws Exception {
        Path out = temp.resolve("video.mp4");

        VideoInfo info = VideoAssembler.concatWithAudio(chunks, null, out, SETTINGS);

        assertFalse(info.hasAudio());
        assertEquals(24, info.frameCount());
    }

    @Test
    void theMovieIndexComesFirstSoPlaybackCanStartWhileDownloading() throws Exception {
        Path out = temp.resolve("video.mp4");
        VideoAssembler.concatWithAudio(chunks, TestMedia.sineWav(temp.resolve("a.wav"), 1, 44_100), out, SETTINGS);

        String bytes = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.indexOf("moov") < bytes.indexOf("mdat"), "+faststart puts moov before mdat");
        String chunkBytes = new String(Files.readAllBytes(chunks.get(0)), StandardCharsets.ISO_8859_1);
        assertTrue(chunkBytes.indexOf("moov") < chunkBytes.indexOf("mdat"), "chunks are faststart too");
    }

    @Test
    void aMissingChunkIsNamedAndNoOutputIsLeft() throws Exception {
        Path missing = temp.resolve("00003.mp4");
        Path out = temp.resolve("video.mp4");

        AssembleException e = assertThrows(AssembleException.class, () -> VideoAssembler.concatWithAudio(
                List.of(chunks.get(0), missing, chunks.get(2)), null, out, SETTINGS));

        assertTrue(e.getMessage().contains("chunk 2 of 3"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertFalse(Files.exists(out));
        assertNoLeftovers();
    }

    @Test
    void aCorruptChunkIsNamedAndAnOlderOutputIsKeptIntact() throws Exception {
        Path out = temp.resolve("video.mp4");
        byte[] older = "the previous video".getBytes(StandardCharsets.UTF_8);
        Files.write(out, older);
        Path garbage = Files.write(temp.resolve("garbage.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3});

        AssembleException e = assertThrows(AssembleException.class,
                () -> VideoAssembler.concatWithAudio(List.of(chunks.get(0), garbage), null, out, SETTINGS));

        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
        assertArrayEquals(older, Files.readAllBytes(out));
        assertNoLeftovers();
    }

    @Test
    void aTruncatedChunkIsCaughtRatherThanSilentlyLosingFrames() throws Exception {
        byte[] whole = Files.readAllBytes(chunks.get(1));
        Path truncated = Files.write(temp.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length * 2 / 3));
        Path out = temp.resolve("video.mp4");

        AssembleException e = assertThrows(AssembleException.class,
                () -> VideoAssembler.concatWithAudio(List.of(chunks.get(0), truncated), null, out, SETTINGS));

        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void chunksOfDifferentSizesCannotBeJoined() throws Exception {
        Path other = TestMedia.chunk(temp.resolve("big.mp4"), 3, RED, 64, 32, SETTINGS);

        AssembleException e = assertThrows(AssembleException.class, () -> VideoAssembler.concatWithAudio(
                List.of(chunks.get(0), other), null, temp.resolve("video.mp4"), SETTINGS));

        assertTrue(e.getMessage().contains("64x32") && e.getMessage().contains("48x32"), e.getMessage());
    }

    @Test
    void aChunkAtAnotherFrameRateIsRejected() throws Exception {
        AssembleException e = assertThrows(AssembleException.class, () -> VideoAssembler.concatWithAudio(
                chunks, null, temp.resolve("video.mp4"), new VideoSettings(25, 18, "veryfast", 40)));
        assertTrue(e.getMessage().contains("fps"), e.getMessage());
    }

    @Test
    void aBadAudioFileIsNamedAndNoOutputIsLeft() throws Exception {
        Path out = temp.resolve("video.mp4");
        Path notAudio = Files.writeString(temp.resolve("notes.wav"), "just text");

        AssembleException e = assertThrows(AssembleException.class,
                () -> VideoAssembler.concatWithAudio(chunks, notAudio, out, SETTINGS));
        assertTrue(e.getMessage().contains(notAudio.toString()), e.getMessage());

        AssembleException silent = assertThrows(AssembleException.class,
                () -> VideoAssembler.concatWithAudio(chunks, chunks.get(0), out, SETTINGS));
        assertTrue(silent.getMessage().contains("no audio stream"), silent.getMessage());
        assertFalse(Files.exists(out));
        assertNoLeftovers();
    }

    @Test
    void noChunksIsABadArgument() {
        assertThrows(IllegalArgumentException.class,
                () -> VideoAssembler.concatWithAudio(List.of(), null, temp.resolve("v.mp4"), SETTINGS));
    }

    private void assertNoLeftovers() throws Exception {
        try (var files = Files.list(temp)) {
            List<Path> left = files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
            assertEquals(List.of(), left);
        }
    }
}
