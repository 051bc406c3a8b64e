package org.netbend.assemble;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Joins H.264 chunks into one MP4 by stream copy and adds an already encoded audio track, through libavformat
 * (the same steps as FFmpeg's remuxing example). Each chunk's timestamps are shifted to start where the previous
 * chunk ended; audio packets are interleaved by time so memory stays flat however long the video is.
 */
final class ChunkJoiner {
    private ChunkJoiner() { }

    /** One opened input file and its stream of the wanted type. */
    private static final class Input implements AutoCloseable {
        final AVFormatContext context = new AVFormatContext(null);
        final Path file;
        AVStream stream;

        Input(Path file, int mediaType) throws AssembleException {
            this.file = file;
            check(avformat_open_input(context, file.toString(), null, null), "open " + file);
            check(avformat_find_stream_info(context, (PointerPointer<?>) null), "read the streams of " + file);
            for (int i = 0; i < context.nb_streams(); i++) {
                if (context.streams(i).codecpar().codec_type() == mediaType) {
                    stream = context.streams(i);
                    break;
                }
            }
            if (stream == null) {
                close();
                throw new AssembleException(file + " has no " + (mediaType == AVMEDIA_TYPE_VIDEO ? "video" : "audio") + " stream");
            }
        }

        /** Reads the next packet of the stream; false at the end. */
        boolean read(AVPacket packet) throws AssembleException {
            while (true) {
                int ret = av_read_frame(context, packet);
                if (ret == AVERROR_EOF) {
                    return false;
                }
                check(ret, "read a packet of " + file);
                if (packet.stream_index() == stream.index()) {
                    return true;
                }
                av_packet_unref(packet);
            }
        }

        @Override
        public void close() {
            avformat_close_input(context);
        }
    }

    static void join(List<Path> chunks, Path aacTrack, Path out, double fps) throws AssembleException {
        join(chunks, aacTrack, out, fps, null);
    }

    /** @param tag the {@link VideoTags} value to write, or null for none */
    static void join(List<Path> chunks, Path aacTrack, Path out, double fps, String tag) throws AssembleException {
        AVFormatContext output = new AVFormatContext(null);
        check(avformat_alloc_output_context2(output, null, "mp4", out.toString()), "create " + out);
        AVPacket packet = av_packet_alloc();
        AVPacket audioPacket = av_packet_alloc();
        Input audio = null;
        try {
            AVRational rate = av_d2q(fps, 100_000);
            AVStream videoOut;
            try (Input first = new Input(chunks.get(0), AVMEDIA_TYPE_VIDEO)) {
                videoOut = copyStream(output, first.stream);
            }
            videoOut.avg_frame_rate(rate);
            videoOut.r_frame_rate(rate);
            AVStream audioOut = null;
            if (aacTrack != null) {
                audio = new Input(aacTrack, AVMEDIA_TYPE_AUDIO);
                audioOut = copyStream(output, audio.stream);
            }
            VideoTags.apply(output, tag);
            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, out.toString(), AVIO_FLAG_WRITE), "open " + out + " for writing");
            output.pb(io);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "movflags", "+faststart", 0);
            int header = avformat_write_header(output, options);
            av_dict_free(options);
            check(header, "write the header of " + out);

            AVRational videoBase = videoOut.time_base();
            long frameDuration = Math.max(1, Math.round(videoBase.den() / (fps * videoBase.num())));
            boolean audioPending = audio != null && readRescaled(audio, audioPacket, audioOut);
            long offset = 0;
            long lastDts = Long.MIN_VALUE;
            for (Path chunk : chunks) {
                long end = offset;
                try (Input in = new Input(chunk, AVMEDIA_TYPE_VIDEO)) {
                    AVRational inBase = in.stream.time_base();
                    long start = AV_NOPTS_VALUE;
                    while (in.read(packet)) {
                        av_packet_rescale_ts(packet, inBase, videoBase);
                        if (start == AV_NOPTS_VALUE) {
                            start = packet.pts(); // a chunk opens on its IDR frame, which is shown first
                        }
                        long dts = packet.dts() - start + offset;
                        if (dts <= lastDts) {
                            dts = lastDts + 1; // keep decode order strictly increasing across the seam
                        }
                        long pts = Math.max(packet.pts() - start + offset, dts);
                        long duration = packet.duration() > 0 ? packet.duration() : frameDuration;
                        lastDts = dts;
                        end = Math.max(end, pts + duration);
                        packet.pts(pts);
                        packet.dts(dts);
                        packet.duration(duration);
                        packet.pos(-1);
                        packet.stream_index(videoOut.index());
                        while (audioPending && av_compare_ts(audioPacket.dts(), audioOut.time_base(), dts, videoBase) <= 0) {
                            check(av_interleaved_write_frame(output, audioPacket), "write audio to " + out);
                            audioPending = readRescaled(audio, audioPacket, audioOut);
                        }
                        check(av_interleaved_write_frame(output, packet), "write video to " + out);
                    }
                }
                offset = end;
            }
            while (audioPending) {
                check(av_interleaved_write_frame(output, audioPacket), "write audio to " + out);
                audioPending = readRescaled(audio, audioPacket, audioOut);
            }
            check(av_write_trailer(output), "finish " + out);
        } finally {
            if (audio != null) {
                audio.close();
            }
            av_packet_free(packet);
            av_packet_free(audioPacket);
            if (output.pb() != null) {
                avio_closep(output.pb());
            }
            avformat_free_context(output);
        }
    }

    private static boolean readRescaled(Input audio, AVPacket packet, AVStream out) throws AssembleException {
        if (!audio.read(packet)) {
            return false;
        }
        av_packet_rescale_ts(packet, audio.stream.time_base(), out.time_base());
        packet.pos(-1);
        packet.stream_index(out.index());
        return true;
    }

    private static AVStream copyStream(AVFormatContext output, AVStream in) throws AssembleException {
        AVStream out = avformat_new_stream(output, null);
        if (out == null) {
            throw new AssembleException("cannot add a stream to the output");
        }
        check(avcodec_parameters_copy(out.codecpar(), in.codecpar()), "copy stream parameters");
        out.codecpar().codec_tag(0);
        out.time_base(in.time_base());
        return out;
    }

    static void check(int ret, String what) throws AssembleException {
        if (ret < 0) {
            byte[] text = new byte[256];
            av_strerror(ret, text, text.length);
            int len = 0;
            while (len < text.length && text[len] != 0) {
                len++;
            }
            throw new AssembleException("cannot " + what + ": " + new String(text, 0, len, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
