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
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_inv_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc_array;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Joins finished track videos into one album video by stream copy (no frame is decoded or encoded), with one
 * chapter per track whose title is the track's and whose start and end are where the track's frames are.
 *
 * <p>The video of track k starts exactly at (frames of tracks 0..k-1) / fps, so the picture never drifts. Each
 * track's AAC runs a little past its video (the encoder's priming frame before 0, padding after the end); a
 * stream copy cannot cut inside an AAC frame, so at each seam the padding frames that start after the track's
 * end and the next track's priming frame that ends before its start are left out. The audio of every track is
 * therefore re-anchored on its video, within one AAC frame (21 ms at 48 kHz), and does not drift over an album.
 * Tracks must have the same codecs, size, frame rate and audio format; anything else is refused by name.
 */
public final class AlbumJoiner {
    private AlbumJoiner() { }

    /** Writes {@code out} (through a hidden partial file beside it) and returns what it holds, read back. */
    public static AlbumVideo join(List<AlbumTrack> tracks, Path out) throws AssembleException {
        if (tracks == null || tracks.isEmpty()) {
            throw new IllegalArgumentException("an album video needs at least one track");
        }
        int[] frames = new int[tracks.size()];
        int total = 0;
        for (int i = 0; i < tracks.size(); i++) {
            frames[i] = VideoProbe.probe(tracks.get(i).video()).frameCount();
            total += frames[i];
        }
        int expected = total;
        return PartialFile.write(out, ".partial.mp4", partial -> {
            write(tracks, frames, partial);
            VideoInfo info = VideoProbe.probe(partial);
            List<Chapter> chapters = Chapters.read(partial);
            if (info.frameCount() != expected || chapters.size() != tracks.size()) {
                throw new AssembleException("the album video holds " + info.frameCount() + " frames and "
                        + chapters.size() + " chapters, the tracks " + expected + " frames and " + tracks.size()
                        + "; " + out + " was not written");
            }
            return new AlbumVideo(info, chapters);
        });
    }

    /** {@link VideoTags#forAlbum} of the tracks' job ids when every track carries one, else no tag. */
    private static String albumTag(List<Source> sources) throws AssembleException {
        List<String> ids = new ArrayList<>();
        for (Source source : sources) {
            Optional<String> id = VideoTags.jobIdOf(source.track.video());
            if (id.isEmpty()) {
                return null;
            }
            ids.add(id.get());
        }
        return VideoTags.forAlbum(ids);
    }

    /** One opened track video, with its video stream and its audio stream (or null). */
    private static final class Source implements AutoCloseable {
        final AVFormatContext context = new AVFormatContext(null);
        final AlbumTrack track;
        final int number;
        AVStream video;
        AVStream audio;

        Source(AlbumTrack track, int number) throws AssembleException {
            this.track = track;
            this.number = number;
            ChunkJoiner.check(avformat_open_input(context, track.video().toString(), null, null),
                    "open " + track.video());
            ChunkJoiner.check(avformat_find_stream_info(context, (PointerPointer<?>) null),
                    "read the streams of " + track.video());
            for (int i = 0; i < context.nb_streams(); i++) {
                int type = context.streams(i).codecpar().codec_type();
                if (type == AVMEDIA_TYPE_VIDEO && video == null) {
                    video = context.streams(i);
                } else if (type == AVMEDIA_TYPE_AUDIO && audio == null) {
                    audio = context.streams(i);
                }
            }
            if (video == null) {
                close();
                throw new AssembleException(track.video() + " has no video stream");
            }
        }

        String name() {
            return "track " + number + " '" + track.title() + "' (" + track.video() + ")";
        }

        /** Why this track cannot follow {@code first} by stream copy, or null if it can. */
        String mismatch(Source first) {
            AVCodecParameters a = video.codecpar();
            AVCodecParameters b = first.video.codecpar();
            if (a.codec_id() != b.codec_id() || a.format() != b.format()) {
                return "its video codec or pixel format differs";
            }
            if (a.width() != b.width() || a.height() != b.height()) {
                return "its video is " + a.width() + "x" + a.height() + ", the first track's " + b.width() + "x"
                        + b.height();
            }
            if (!sameRate(video.avg_frame_rate(), first.video.avg_frame_rate())) {
                return String.format(Locale.ROOT, "it runs at %s fps, the first track at %s fps",
                        rate(video.avg_frame_rate()), rate(first.video.avg_frame_rate()));
            }
            if (!Arrays.equals(extradata(a), extradata(b))) {
                return "its H.264 parameter sets differ (it was encoded with other settings)";
            }
            if ((audio == null) != (first.audio == null)) {
                return audio == null ? "it has no audio" : "it has audio and the first track has none";
            }
            if (audio != null) {
                AVCodecParameters x = audio.codecpar();
                AVCodecParameters y = first.audio.codecpar();
                if (x.codec_id() != y.codec_id() || x.sample_rate() != y.sample_rate()
                        || x.ch_layout().nb_channels() != y.ch_layout().nb_channels()
                        || !Arrays.equals(extradata(x), extradata(y))) {
                    return "its audio is " + x.sample_rate() + " Hz with " + x.ch_layout().nb_channels()
                            + " channel(s), the first track's " + y.sample_rate() + " Hz with "
                            + y.ch_layout().nb_channels();
                }
            }
            return null;
        }

        @Override
        public void close() {
            avformat_close_input(context);
        }
    }

    private static void write(List<AlbumTrack> tracks, int[] frames, Path file) throws AssembleException {
        List<Source> sources = new ArrayList<>();
        AVFormatContext output = new AVFormatContext(null);
        AVPacket packet = av_packet_alloc();
        try {
            for (int i = 0; i < tracks.size(); i++) {
                sources.add(new Source(tracks.get(i), i + 1));
            }
            Source first = sources.get(0);
            for (Source source : sources) {
                String why = source.mismatch(first);
                if (why != null) {
                    throw new AssembleException(source.name() + " cannot be joined to track 1 by stream copy: " + why);
                }
            }
            ChunkJoiner.check(avformat_alloc_output_context2(output, null, "mp4", file.toString()), "create " + file);
            AVStream videoOut = copyStream(output, first.video);
            videoOut.avg_frame_rate(first.video.avg_frame_rate());
            videoOut.r_frame_rate(first.video.avg_frame_rate());
            AVStream audioOut = first.audio == null ? null : copyStream(output, first.audio);
            AVRational frameTime = av_inv_q(first.video.avg_frame_rate());
            addChapters(output, tracks, frames, frameTime);
            VideoTags.apply(output, albumTag(sources));

            AVIOContext io = new AVIOContext(null);
            ChunkJoiner.check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "open " + file + " for writing");
            output.pb(io);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "movflags", "+faststart", 0);
            int header = avformat_write_header(output, options);
            av_dict_free(options);
            ChunkJoiner.check(header, "write the header of " + file);

            long[] lastDts = {Long.MIN_VALUE, Long.MIN_VALUE};
            long framesBefore = 0;
            for (int k = 0; k < sources.size(); k++) {
                Source in = sources.get(k);
                Seam seam = new Seam(k == 0, k == sources.size() - 1, framesBefore, frames[k], frameTime, in);
                while (true) {
                    int ret = av_read_frame(in.context, packet);
                    if (ret == AVERROR_EOF) {
                        break;
                    }
                    ChunkJoiner.check(ret, "read a packet of " + in.track.video());
                    int index = packet.stream_index();
                    boolean isVideo = index == in.video.index();
                    boolean isAudio = in.audio != null && index == in.audio.index();
                    AVStream outStream = isVideo ? videoOut : audioOut;
                    if ((isVideo || isAudio) && seam.place(packet, isVideo ? in.video : in.audio, outStream,
                            lastDts, isVideo ? 0 : 1)) {
                        packet.stream_index(outStream.index());
                        ChunkJoiner.check(av_interleaved_write_frame(output, packet), "write to " + file);
                    } else {
                        av_packet_unref(packet);
                    }
                }
                framesBefore += frames[k];
            }
            ChunkJoiner.check(av_write_trailer(output), "finish " + file);
        } finally {
            for (Source source : sources) {
                source.close();
            }
            av_packet_free(packet);
            if (!output.isNull() && output.pb() != null) {
                avio_closep(output.pb());
            }
            avformat_free_context(output); // frees the chapters too: they were allocated with av_malloc
        }
    }

    /** Where one track's packets go on the album's timeline, and which of its audio frames are left out. */
    private record Seam(boolean firstTrack, boolean lastTrack, long framesBefore, int frames, AVRational frameTime,
            Source in) {
        /** Moves the packet to the album's time; false if it is an audio frame outside the track (see above). */
        boolean place(AVPacket packet, AVStream from, AVStream to, long[] lastDts, int slot) {
            av_packet_rescale_ts(packet, from.time_base(), to.time_base());
            AVRational base = to.time_base();
            long start = in.video.start_time() == AV_NOPTS_VALUE ? 0
                    : av_rescale_q(in.video.start_time(), in.video.time_base(), base);
            long pts = packet.pts() - start;
            long dts = packet.dts() - start;
            if (slot == 1) {
                long end = av_rescale_q(frames, frameTime, base);
                if (!firstTrack && pts + packet.duration() <= 0 || !lastTrack && pts >= end) {
                    return false;
                }
            }
            long offset = av_rescale_q(framesBefore, frameTime, base);
            dts += offset;
            if (dts <= lastDts[slot]) {
                dts = lastDts[slot] + 1; // decode order stays strictly increasing across a seam
            }
            lastDts[slot] = dts;
            packet.pts(Math.max(pts + offset, dts));
            packet.dts(dts);
            packet.pos(-1);
            return true;
        }
    }

    /** One chapter per track, on the video's clock, allocated as libavformat frees it. */
    private static void addChapters(AVFormatContext output, List<AlbumTrack> tracks, int[] frames,
            AVRational frameTime) {
        AVRational millis = new AVRational().num(1).den(1000);
        PointerPointer<?> list = new PointerPointer<>(av_malloc_array(tracks.size(), Pointer.sizeof(PointerPointer.class)));
        output.chapters(list);
        long before = 0;
        for (int i = 0; i < tracks.size(); i++) {
            AVChapter chapter = new AVChapter(av_mallocz(Pointer.sizeof(AVChapter.class)));
            chapter.id(i + 1);
            chapter.time_base(millis);
            chapter.start(av_rescale_q(before, frameTime, millis));
            before += frames[i];
            chapter.end(av_rescale_q(before, frameTime, millis));
            AVDictionary metadata = new AVDictionary(null);
            av_dict_set(metadata, new BytePointer("title"),
                    new BytePointer(tracks.get(i).title(), StandardCharsets.UTF_8), 0);
            chapter.metadata(metadata);
            output.chapters(i, chapter);
            output.nb_chapters(i + 1);
        }
    }

    private static AVStream copyStream(AVFormatContext output, AVStream in) throws AssembleException {
        AVStream out = avformat_new_stream(output, null);
        if (out == null) {
            throw new AssembleException("cannot add a stream to the output");
        }
        ChunkJoiner.check(avcodec_parameters_copy(out.codecpar(), in.codecpar()), "copy stream parameters");
        out.codecpar().codec_tag(0);
        out.time_base(in.time_base());
        return out;
    }

    private static byte[] extradata(AVCodecParameters codec) {
        byte[] bytes = new byte[Math.max(0, codec.extradata_size())];
        if (bytes.length > 0) {
            codec.extradata().get(bytes);
        }
        return bytes;
    }

    private static boolean sameRate(AVRational a, AVRational b) {
        return (long) a.num() * b.den() == (long) b.num() * a.den();
    }

    private static String rate(AVRational r) {
        return r.den() == 0 ? "?" : String.format(Locale.ROOT, "%.3f", r.num() / (double) r.den());
    }
}
