package org.netbend.assemble;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/** Reads a video's chapters back as FFmpeg's demuxer sees them. */
public final class Chapters {
    private Chapters() { }

    public static List<Chapter> read(Path video) throws AssembleException {
        if (!Files.isRegularFile(video)) {
            throw new AssembleException("video file " + video + " does not exist");
        }
        AVFormatContext context = new AVFormatContext(null);
        ChunkJoiner.check(avformat_open_input(context, video.toString(), null, null), "open " + video);
        try {
            ChunkJoiner.check(avformat_find_stream_info(context, (PointerPointer<?>) null), "read the streams of " + video);
            List<Chapter> chapters = new ArrayList<>();
            for (int i = 0; i < context.nb_chapters(); i++) {
                AVChapter chapter = context.chapters(i);
                AVRational base = chapter.time_base();
                AVDictionaryEntry title = av_dict_get(chapter.metadata(), "title", null, 0);
                chapters.add(new Chapter(title == null ? "" : title.value().getString("UTF-8"),
                        seconds(chapter.start(), base), seconds(chapter.end(), base)));
            }
            return List.copyOf(chapters);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssembleException("cannot read the chapter titles of " + video + ": " + e.getMessage(), e);
        } finally {
            avformat_close_input(context);
        }
    }

    private static double seconds(long ticks, AVRational base) {
        return ticks * (double) base.num() / base.den();
    }
}
