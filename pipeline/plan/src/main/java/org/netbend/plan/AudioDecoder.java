package org.netbend.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Opens any audio file FFmpeg can read (wav of every bit depth, mp3, flac, ogg/vorbis, opus, m4a/aac, ...) through
 * JavaCV's {@link FFmpegFrameGrabber}. FFmpeg resamples to the requested rate; the channels are averaged to mono
 * here (a plain mean, so a mono signal copied to both stereo channels keeps its level).
 */
public final class AudioDecoder {
    private AudioDecoder() { }

    /** Reads the file's header: native rate, channels, codec, container and duration. */
    public static AudioInfo probe(Path file) throws AudioException {
        FFmpegFrameGrabber grabber = start(file, 0);
        try {
            return infoOf(file, grabber);
        } finally {
            FfmpegAudioStream.release(grabber);
        }
    }

    /**
     * Streams mono float samples at {@code sampleRate}. Memory stays at a few decoder blocks whatever the length
     * of the track. Close the stream when done.
     */
    public static AudioStream open(Path file, int sampleRate) throws AudioException {
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new IllegalArgumentException("sample rate must be 1000..384000 Hz, got " + sampleRate);
        }
        FFmpegFrameGrabber grabber = start(file, sampleRate);
        try {
            return new FfmpegAudioStream(grabber, infoOf(file, grabber), sampleRate);
        } catch (RuntimeException e) {
            FfmpegAudioStream.release(grabber);
            throw e;
        }
    }

    private static FFmpegFrameGrabber start(Path file, int sampleRate) throws AudioException {
        checkReadable(file);
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT); // packed: one interleaved buffer per block
        if (sampleRate > 0) {
            grabber.setSampleRate(sampleRate);
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            FfmpegAudioStream.release(grabber);
            throw AudioException.of(file, "not a readable audio file (" + oneLine(e.getMessage()) + ")", e);
        }
        if (!grabber.hasAudio() || grabber.getAudioChannels() <= 0) {
            FfmpegAudioStream.release(grabber);
            throw AudioException.of(file, "no audio stream in this file (format '" + grabber.getFormat() + "')");
        }
        return grabber;
    }

    private static void checkReadable(Path file) throws AudioException {
        if (!Files.exists(file)) {
            throw AudioException.of(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw AudioException.of(file, "is a directory, not an audio file");
        }
        if (!Files.isReadable(file)) {
            throw AudioException.of(file, "file is not readable (permissions)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw AudioException.of(file, "cannot read file size (" + oneLine(e.getMessage()) + ")", e);
        }
        if (size == 0) {
            throw AudioException.of(file, "empty file (0 bytes)");
        }
    }

    private static AudioInfo infoOf(Path file, FFmpegFrameGrabber grabber) {
        var stream = grabber.getFormatContext().streams(findAudioStream(grabber));
        int nativeRate = stream.codecpar().sample_rate();
        int nativeChannels = stream.codecpar().ch_layout().nb_channels();
        double duration = Math.max(0, grabber.getLengthInTime()) / 1e6;
        return new AudioInfo(file, duration, nativeRate, nativeChannels, grabber.getAudioCodecName(),
                grabber.getFormat());
    }

    private static int findAudioStream(FFmpegFrameGrabber grabber) {
        var context = grabber.getFormatContext();
        for (int i = 0; i < context.nb_streams(); i++) {
            if (context.streams(i).codecpar().codec_type() == avutil.AVMEDIA_TYPE_AUDIO) {
                return i;
            }
        }
        throw new IllegalStateException("no audio stream");
    }

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown FFmpeg error";
        }
        // JavaCV appends hints for its own developers ("Has setFormat() been called?", "make sure
        // FFmpegLogCallback.set() has been called"): no use to a user, who gets FFmpeg's reason alone.
        String reason = message.replaceAll("\\s+", " ")
                .replaceAll("\\s*\\((Has setFormat\\(\\) been called\\?|For more details, make sure "
                        + "FFmpegLogCallback\\.set\\(\\) has been called\\.)\\)", "")
                .replace("error -1094995529:", "error -1094995529 (invalid data, no format FFmpeg knows):")
                .trim();
        return reason.isEmpty() ? "unknown FFmpeg error" : reason;
    }
}
