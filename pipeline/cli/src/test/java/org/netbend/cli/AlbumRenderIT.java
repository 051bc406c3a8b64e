package org.netbend.cli;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.assemble.Chapter;
import org.netbend.assemble.Chapters;
import org.netbend.assemble.VideoInfo;
import org.netbend.assemble.VideoProbe;
import org.netbend.farm.TestAudio;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/**
 * An album through {@link Main}: a folder of three very short tracks rendered as one Flink job on two slots, one
 * video per track, the album video with a chapter per track; then the first and last track rendered alone into
 * another store give the same job ids and bit-identical frames, and the middle one rendered alone into the album's
 * store is the same job and finishes from it.
 */
class AlbumRenderIT {
    private static final Pattern WROTE = Pattern.compile("wrote (.+\\.mp4): (\\d+) frames \\(job ([0-9a-f]+)\\)");
    @TempDir Path temp;

    private static final String[] OPTIONS = {"-p", "3D mesh geometry", "--bend", "add@1=rms[0..2]", "--size", "64x64",
        "--steps", "4", "--fps", "10", "--segment-length", "2"};

    private CliRun render(List<String> tracks, Path out, Path store, String... more) {
        List<String> args = new ArrayList<>(List.of("render"));
        args.addAll(tracks);
        args.addAll(List.of(OPTIONS));
        args.addAll(List.of("-o", out.toString(), "--store", store.toString(), "--cache", temp.resolve("cache").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Output file to job id, from the lines render prints. */
    private static List<String[]> wrote(CliRun run) {
        List<String[]> lines = new ArrayList<>();
        Matcher m = WROTE.matcher(run.out());
        while (m.find()) {
            lines.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return lines;
    }

    @Test
    void anAlbumIsOneJobPerTrackWithTheIdsAndFramesOfSingleRendersAndAChapteredAlbumVideo() throws Exception {
        Path album = Files.createDirectory(temp.resolve("album"));
        TestAudio.silenceBurstSilence(album.resolve("01 intro.wav"), 0.1, 0.2, 0.1);   // 4 frames at 10 fps
        TestAudio.silenceBurstSilence(album.resolve("02 middle.wav"), 0.2, 0.2, 0.1);  // 5 frames
        TestAudio.silenceBurstSilence(album.resolve("10 coda.wav"), 0.1, 0.1, 0.1);    // 3 frames, after 02
        Files.writeString(album.resolve("cover.txt"), "skipped");
        Path videos = temp.resolve("videos");
        Path albumVideo = temp.resolve("album.mp4");
        Path store = temp.resolve("store");

        CliRun run = render(List.of(album.toString()), videos, store, "--parallelism", "2",
                "--album-video", albumVideo.toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String[]> tracks = wrote(run);
        assertEquals(3, tracks.size(), run.out());
        String[] names = {"01 intro", "02 middle", "10 coda"};
        int[] frames = {4, 5, 3};
        for (int i = 0; i < 3; i++) {
            Path video = videos.resolve(names[i] + ".mp4");
            assertEquals(video.toString(), tracks.get(i)[0]);
            VideoInfo info = VideoProbe.probe(video);
            assertEquals(frames[i], info.frameCount(), names[i]);
            assertTrue(info.hasAudio(), names[i]);
            assertTrue(run.err().contains("track " + (i + 1) + "/3 " + names[i] + ": done"), run.err());
        }
        assertTrue(run.err().contains("album ["), "one album bar: " + run.err());

        // The album video: every frame, one chapter per track at the tracks' real times, audio, streams copied.
        VideoInfo joined = VideoProbe.probe(albumVideo);
        assertEquals(12, joined.frameCount());
        assertTrue(joined.hasAudio());
        assertEquals("aac", joined.audioCodec());
        List<Chapter> chapters = Chapters.read(albumVideo);
        assertEquals(List.of(names), chapters.stream().map(Chapter::title).toList());
        double[] bounds = {0, 0.4, 0.9, 1.2};
        for (int i = 0; i < 3; i++) {
            assertEquals(bounds[i], chapters.get(i).startSeconds(), 1e-3);
            assertEquals(bounds[i + 1], chapters.get(i).endSeconds(), 1e-3);
        }
        List<byte[]> trackPackets = new ArrayList<>();
        for (String name : names) {
            VideoInfo info = VideoProbe.probe(videos.resolve(name + ".mp4"));
            assertEquals(List.of(info.videoCodec(), info.pixelFormat(), info.width(), info.height()),
                    List.of(joined.videoCodec(), joined.pixelFormat(), joined.width(), joined.height()));
            trackPackets.addAll(videoPackets(videos.resolve(name + ".mp4")));
        }
        List<byte[]> albumPackets = videoPackets(albumVideo);
        assertEquals(trackPackets.size(), albumPackets.size());
        for (int i = 0; i < albumPackets.size(); i++) {
            assertArrayEquals(trackPackets.get(i), albumPackets.get(i), "video packet " + i + " is a copy");
        }

        // The first and last track alone, into another store: the same job id, bit-identical frames.
        Path otherStore = temp.resolve("other-store");
        for (int i : new int[] {0, 2}) {
            CliRun single = render(List.of(album.resolve(names[i] + ".wav").toString()),
                    temp.resolve("single-" + i + ".mp4"), otherStore);
            assertEquals(0, single.exitCode(), single.err());
            String jobId = wrote(single).get(0)[2];
            assertEquals(tracks.get(i)[2], jobId, "track " + names[i] + " has the same job alone and in the album");
            assertSameFrames(store, otherStore, jobId, frames[i]);
        }

        // The middle track alone, into the album's store: the same job, which finishes from the store.
        CliRun again = render(List.of(album.resolve("02 middle.wav").toString()), temp.resolve("again.mp4"), store);
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(tracks.get(1)[2], wrote(again).get(0)[2]);
        assertTrue(again.out().contains("all frames came from the store"), again.out());
        assertEquals(5, VideoProbe.probe(temp.resolve("again.mp4")).frameCount());
    }

    private static void assertSameFrames(Path store, Path otherStore, String jobId, int frames) throws Exception {
        try (LocalStore a = new LocalStore(store); LocalStore b = new LocalStore(otherStore)) {
            JobKeys keys = new JobKeys(jobId);
            assertEquals(frames, a.list(keys.framesPrefix()).size());
            assertEquals(frames, b.list(keys.framesPrefix()).size());
            for (int f = 0; f < frames; f++) {
                assertArrayEquals(a.get(keys.frame(f)).orElseThrow(), b.get(keys.frame(f)).orElseThrow(), "frame " + f + " of job " + jobId);
            }
        }
    }

    private static List<byte[]> videoPackets(Path file) throws Exception {
        List<byte[]> packets = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            int video = -1;
            for (int i = 0; i < grabber.getFormatContext().nb_streams() && video < 0; i++) {
                if (grabber.getFormatContext().streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                    video = i;
                }
            }
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() == video) {
                    byte[] data = new byte[packet.size()];
                    packet.data().get(data);
                    packets.add(data);
                }
            }
        }
        return packets;
    }
}
