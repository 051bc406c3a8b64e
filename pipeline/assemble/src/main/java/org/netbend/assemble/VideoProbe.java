package org.netbend.assemble;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads a video file back to check what it really holds. Frames are counted by demuxing every packet of the
 * video stream (not taken from the container's metadata), and the duration comes from the packets' timestamps.
 */
public final class VideoProbe {
    private VideoProbe() { }

    /** The video's streams and frame count, measured by demuxing. */
    public static VideoInfo probe(Path mp4) throws AssembleException {
        return scan(mp4).info();
    }

    /**
     * Presentation indices (0-based, in display order) of the frames that are key frames. A chunk joined by
     * stream copy keeps its own first frame as a key frame, so chunk boundaries appear here.
     */
    public static List<Integer> keyFrames(Path mp4) throws AssembleException {
        return scan(mp4).keyFrames();
    }

    private record Scan(VideoInfo info, List<Integer> keyFrames) { }

    private static Scan scan(Path mp4) throws AssembleException {
        if (!Files.isRegularFile(mp4)) {
            throw new AssembleException("video file " + mp4 + " does not exist");
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile())) {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new AssembleException("cannot read " + mp4 + " as a video: " + e.getMessage(), e);
            }
            AVFormatContext format = grabber.getFormatContext();
            int video = -1;
            int audio = -1;
            for (int i = 0; i < format.nb_streams(); i++) {
                int type = format.streams(i).codecpar().codec_type();
                if (type == AVMEDIA_TYPE_VIDEO && video < 0) {
                    video = i;
                } else if (type == AVMEDIA_TYPE_AUDIO && audio < 0) {
                    audio = i;
                }
            }
            if (video < 0) {
                throw new AssembleException(mp4 + " has no video stream");
            }
            AVStream stream = format.streams(video);
            AVCodecParameters codec = stream.codecpar();
            AVRational timeBase = stream.time_base();

            List<long[]> packets = new ArrayList<>(); // {pts, duration, key}
            try {
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    if (packet.stream_index() == video) {
                        long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                        packets.add(new long[] {pts, packet.duration(), (packet.flags() & AV_PKT_FLAG_KEY) != 0 ? 1 : 0});
                    }
                }
            } catch (FrameGrabber.Exception e) {
                throw new AssembleException("reading the packets of " + mp4 + " failed after " + packets.size()
                        + " frames: " + e.getMessage(), e);
            }
            long declared = stream.nb_frames();
            if (declared > 0 && packets.size() < declared) {
                throw new AssembleException(mp4 + " is truncated or damaged: its index lists " + declared
                        + " frames but only " + packets.size() + " can be read");
            }
            if (packets.isEmpty()) {
                throw new AssembleException(mp4 + " has a video stream without frames");
            }
            long[][] byTime = packets.toArray(new long[0][]);
            Arrays.sort(byTime, (a, b) -> Long.compare(a[0], b[0]));
            long first = byTime[0][0];
            long end = byTime[byTime.length - 1][0] + byTime[byTime.length - 1][1];
            double seconds = (end - first) * (double) timeBase.num() / timeBase.den();
            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < byTime.length; i++) {
                if (byTime[i][2] == 1) {
                    keys.add(i);
                }
            }
            String audioCodec = audio < 0 ? null : name(avcodec_get_name(format.streams(audio).codecpar().codec_id()));
            VideoInfo info = new VideoInfo(packets.size(), seconds, codec.width(), codec.height(),
                    name(avcodec_get_name(codec.codec_id())), name(av_get_pix_fmt_name(codec.format())),
                    audio >= 0, audioCodec, grabber.getVideoFrameRate());
            return new Scan(info, List.copyOf(keys));
        } catch (FrameGrabber.Exception e) {
            throw new AssembleException("closing " + mp4 + " failed: " + e.getMessage(), e);
        }
    }

    private static String name(BytePointer pointer) {
        return pointer == null ? null : pointer.getString();
    }
}
