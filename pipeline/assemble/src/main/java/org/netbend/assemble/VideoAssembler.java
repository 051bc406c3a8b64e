package org.netbend.assemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.netbend.core.FreshFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins per-segment H.264 chunks into the final MP4 and adds the audio.
 *
 * <p>The video is joined by stream copy (libavformat remuxing): no frame is re-encoded, so joining an album
 * costs seconds, not hours, and the picture is exactly what the chunks hold. The audio is encoded to AAC and cut
 * (or padded with silence) to the video's length, frames / fps. Before anything is written every chunk is probed,
 * so a missing, corrupt or mismatched chunk is reported by name; afterwards the result is probed and its frame
 * count checked. The MP4 is written to a temporary file beside {@code out} and moved into place only when it is
 * complete and checked: a failure leaves {@code out} as it was.
 */
public final class VideoAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(VideoAssembler.class);
    private static final String AUDIO_BITRATE = "192k";

    private VideoAssembler() { }

    /**
     * @param chunks   the chunk files in playing order (at least one), all of the same size and frame rate
     * @param audio    an audio file in any format FFmpeg reads, or null for a silent video
     * @param out      where the MP4 goes (replaced if it exists)
     * @param settings the settings the chunks were encoded with (its fps fixes the video length)
     * @return what the written file holds, as probed from it
     */
    public static VideoInfo concatWithAudio(List<Path> chunks, Path audio, Path out, VideoSettings settings)
            throws AssembleException {
        return assemble(chunks, audio, false, out, settings, null);
    }

    /** The same, tagged with the job's id ({@link VideoTags}). */
    public static VideoInfo concatWithAudio(List<Path> chunks, Path audio, Path out, VideoSettings settings,
            String jobId) throws AssembleException {
        return assemble(chunks, audio, false, out, settings, VideoTags.forJob(jobId));
    }

    /**
     * Joins the chunks and muxes an AAC track that was encoded ahead of time (with {@link AacTrack#encode}) by
     * stream copy: nothing is decoded or re-encoded, so this costs about what joining the video alone does. AAC
     * cannot be cut between its 1024-sample frames, so the track must already be as long as the video (frames /
     * fps) within one AAC frame; a track of another length or codec is refused with an {@link AssembleException}
     * and nothing is written (the caller can then fall back to {@link #concatWithAudio}).
     *
     * @param aacTrack an {@code .m4a} holding one AAC stream of the video's length
     */
    public static VideoInfo concatWithAacTrack(List<Path> chunks, Path aacTrack, Path out, VideoSettings settings)
            throws AssembleException {
        return concatWithAacTrack(chunks, aacTrack, out, settings, null);
    }

    /** The same, tagged with the job's id ({@link VideoTags}); a null id writes no tag. */
    public static VideoInfo concatWithAacTrack(List<Path> chunks, Path aacTrack, Path out, VideoSettings settings,
            String jobId) throws AssembleException {
        if (aacTrack == null) {
            throw new IllegalArgumentException("there is no AAC track to mux into " + out);
        }
        return assemble(chunks, aacTrack, true, out, settings, jobId == null ? null : VideoTags.forJob(jobId));
    }

    private static VideoInfo assemble(List<Path> chunks, Path audio, boolean audioIsAac, Path out,
            VideoSettings settings, String tag) throws AssembleException {
        if (chunks == null || chunks.isEmpty()) {
            throw new IllegalArgumentException("there are no chunks to join into " + out);
        }
        int frames = checkChunks(chunks, settings);
        double seconds = frames / settings.fps();
        if (audioIsAac) {
            checkTrackLength(audio, seconds);
        }
        Path target = out.toAbsolutePath();
        Path track = null;
        Path partial = null;
        try {
            Files.createDirectories(target.getParent());
            partial = FreshFiles.create(target.getParent(), "." + target.getFileName() + ".", ".partial.mp4");
            long start = System.nanoTime();
            if (audio != null && !audioIsAac) {
                track = FreshFiles.create(target.getParent(), "." + target.getFileName() + ".", ".audio.m4a");
                AacTrack.encode(audio, track, seconds);
            }
            ChunkJoiner.join(chunks, audioIsAac ? audio : track, partial, settings.fps(), tag);

            VideoInfo info = VideoProbe.probe(partial);
            if (info.frameCount() != frames) {
                throw new AssembleException("joined video has " + info.frameCount() + " frames, the chunks hold "
                        + frames + "; " + target + " was not written");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Wrote {}: {} frames, {} s, {} chunks, audio {} ({} ms)", target, frames,
                    String.format(Locale.ROOT, "%.3f", info.durationSeconds()), chunks.size(),
                    audio == null ? "none" : info.audioCodec() + (audioIsAac ? " (stream copy)" : " (encoded)"),
                    (System.nanoTime() - start) / 1_000_000);
            return info;
        } catch (IOException e) {
            if (e instanceof AssembleException ae) {
                throw ae;
            }
            throw new AssembleException("cannot write " + target + ": " + e, e);
        } finally {
            deleteQuietly(track);
            deleteQuietly(partial);
        }
    }

    /** A stream copy cannot trim, so an AAC track must already last the video's length, within one AAC frame. */
    private static void checkTrackLength(Path aacTrack, double videoSeconds) throws AssembleException {
        AacTrack.Info track = AacTrack.probe(aacTrack);
        double trackSeconds = track.seconds();
        if (Math.abs(trackSeconds - videoSeconds) > track.frameSeconds()) {
            throw new AssembleException(String.format(Locale.ROOT,
                    "audio track %s lasts %.3f s but the video %.3f s; a stream copy cannot cut AAC, so the track "
                            + "must be encoded to the video's length", aacTrack, trackSeconds, videoSeconds));
        }
    }

    /** Probes every chunk; returns the total frame count. */
    private static int checkChunks(List<Path> chunks, VideoSettings settings) throws AssembleException {
        int total = 0;
        VideoInfo first = null;
        for (int i = 0; i < chunks.size(); i++) {
            Path chunk = chunks.get(i);
            VideoInfo info;
            try {
                info = VideoProbe.probe(chunk);
            } catch (AssembleException e) {
                throw new AssembleException("chunk " + (i + 1) + " of " + chunks.size() + " is unusable: " + e.getMessage(), e);
            }
            if (!"h264".equals(info.videoCodec())) {
                throw new AssembleException("chunk " + chunk + " is " + info.videoCodec() + ", not H.264");
            }
            if (Math.abs(info.fps() - settings.fps()) > 1e-3 * settings.fps()) {
                throw new AssembleException("chunk " + chunk + " runs at " + info.fps() + " fps, the video at "
                        + settings.fps());
            }
            if (first == null) {
                first = info;
            } else if (info.width() != first.width() || info.height() != first.height()
                    || !info.pixelFormat().equals(first.pixelFormat())) {
                throw new AssembleException("chunk " + chunk + " is " + info.width() + "x" + info.height() + " "
                        + info.pixelFormat() + " but the first chunk is " + first.width() + "x" + first.height() + " "
                        + first.pixelFormat() + "; chunks joined by stream copy must match");
            }
            total += info.frameCount();
        }
        return total;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a hidden leftover beside the output is harmless
            }
        }
    }
}
