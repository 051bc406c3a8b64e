package org.netbend.assemble;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;

/**
 * The job id a video carries in its container metadata, so that a video found anywhere leads back to its job
 * (`netbend score VIDEO.mp4`). It is the MP4 {@code comment} tag (iTunes {@code ©cmt}, which players show and
 * every muxer keeps): {@code netbend-job:ID} for a track's video, {@code netbend-jobs:ID1,ID2,...} for an
 * album video (one id per chapter, in order). Only the container changes: the video and audio packets are those
 * the tag-less file had.
 */
public final class VideoTags {
    /** The metadata key the id is written under. */
    public static final String KEY = "comment";
    private static final String JOB = "netbend-job:";
    private static final String ALBUM = "netbend-jobs:";
    /** What a job id may hold: one store key segment of plain characters, so a tag read back is safe to use. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private VideoTags() { }

    /** The tag value for one job's video. */
    public static String forJob(String jobId) {
        return JOB + checked(jobId);
    }

    /** The tag value for an album video of these jobs, in chapter order. */
    public static String forAlbum(List<String> jobIds) {
        return ALBUM + String.join(",", jobIds.stream().map(VideoTags::checked).toList());
    }

    /** True for a string that may stand as a job id in a tag (and in a store key). */
    public static boolean isJobId(String id) {
        return id != null && ID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    /** Sets the tag on an output context before its header is written; null writes nothing. */
    static void apply(AVFormatContext output, String value) {
        if (value == null) {
            return;
        }
        AVDictionary metadata = output.metadata();
        if (metadata == null || metadata.isNull()) {
            metadata = new AVDictionary(null);
        }
        av_dict_set(metadata, KEY, value, 0);
        output.metadata(metadata);
    }

    /** The comment tag of a media file, if it has one. */
    public static Optional<String> read(Path media) throws AssembleException {
        AVFormatContext context = new AVFormatContext(null);
        ChunkJoiner.check(avformat_open_input(context, media.toString(), null, null), "open " + media);
        try {
            AVDictionaryEntry entry = av_dict_get(context.metadata(), KEY, null, 0);
            return entry == null || entry.isNull() ? Optional.empty() : Optional.of(entry.value().getString());
        } finally {
            avformat_close_input(context);
        }
    }

    /** The job id of a track's video; empty for an album video, a foreign tag or none. */
    public static Optional<String> jobIdOf(Path video) throws AssembleException {
        return read(video).filter(v -> v.startsWith(JOB)).map(v -> v.substring(JOB.length()))
                .filter(VideoTags::isJobId);
    }

    /** The job ids of an album video, in chapter order; empty for any other file. */
    public static List<String> albumJobIdsOf(Path video) throws AssembleException {
        Optional<String> tag = read(video).filter(v -> v.startsWith(ALBUM));
        if (tag.isEmpty()) {
            return List.of();
        }
        List<String> ids = Arrays.asList(tag.get().substring(ALBUM.length()).split(","));
        return ids.stream().allMatch(VideoTags::isJobId) ? List.copyOf(ids) : List.of();
    }

    private static String checked(String jobId) {
        if (!isJobId(jobId)) {
            throw new IllegalArgumentException("'" + jobId + "' is not a job id (1..128 of A-Z a-z 0-9 . _ -)");
        }
        return jobId;
    }
}
