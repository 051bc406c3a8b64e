package org.netbend.assemble;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes an audio file to an AAC track of an exact length: the input is cut there, or padded with silence up to
 * it. Sample-accurate at the input's sample rate; up to two channels are kept (more are mixed down by FFmpeg).
 *
 * <p>A track encoded ahead of time (PLAN encodes the job's audio while RENDER runs) can later be muxed by stream
 * copy with {@link VideoAssembler#concatWithAacTrack}: AAC can only be cut on 1024-sample frame boundaries, so the
 * track is made exactly as long as the video here, where the samples are still at hand.
 */
public final class AacTrack {
    static final int BITRATE = 192_000;
    /** Samples per AAC-LC frame: a stream copy can only start or end on these boundaries. */
    public static final int SAMPLES_PER_FRAME = 1024;
    private static final int SILENCE_BLOCK = 1024;
    /** The sampling rates AAC can signal (ISO 14496-3 sampling frequency index), highest first. */
    static final int[] AAC_RATES = {96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000,
        11_025, 8_000, 7_350};
    /** Input rates netbend accepts: what the analysis decoder accepts too. */
    public static final int MIN_INPUT_RATE = 1_000;
    public static final int MAX_INPUT_RATE = 384_000;

    private AacTrack() { }

    /**
     * Encodes {@code audio} (any format FFmpeg reads) to AAC-LC in an MP4 container ({@code .m4a}), cut or padded
     * with silence to exactly {@code seconds}. The file is written beside {@code m4a} under a hidden name and
     * moved into place when complete, so a crash never leaves a half-written track under the name.
     */
    public static void encode(Path audio, Path m4a, double seconds) throws AssembleException {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("an audio track must last more than 0 s, got " + seconds);
        }
        PartialFile.write(m4a, ".partial.m4a", partial -> {
            encodeTo(audio, partial, seconds);
            return null;
        });
    }

    /**
     * The rate the track is encoded at: the input's own when AAC has it, else the lowest AAC rate above it
     * (nothing audible is lost), at most 96 kHz. A 192 kHz master becomes 96 kHz, a 1 kHz file 7.35 kHz.
     *
     * @throws AssembleException for a rate outside {@value #MIN_INPUT_RATE}..{@value #MAX_INPUT_RATE} Hz
     */
    public static int encodedRate(int inputRate) throws AssembleException {
        if (inputRate < MIN_INPUT_RATE || inputRate > MAX_INPUT_RATE) {
            throw new AssembleException("audio at " + inputRate + " Hz cannot be used: the sample rate must be "
                    + MIN_INPUT_RATE + ".." + MAX_INPUT_RATE + " Hz");
        }
        int chosen = AAC_RATES[0];
        for (int rate : AAC_RATES) {
            if (rate >= inputRate) {
                chosen = rate;
            }
        }
        return chosen;
    }

    /** What an AAC track holds: how long it plays (priming samples excluded), its sample rate and channels. */
    public record Info(double seconds, int sampleRate, int channels) {
        /** One AAC frame in seconds: the finest step a stream copy can cut at. */
        public double frameSeconds() {
            return SAMPLES_PER_FRAME / (double) sampleRate;
        }
    }

    /**
     * Checks that {@code m4a} holds an AAC stream and returns its length, as the container declares it (the
     * edit list hides the encoder's priming samples), with its sample rate and channel count.
     */
    public static Info probe(Path m4a) throws AssembleException {
        if (!Files.isRegularFile(m4a)) {
            throw new AssembleException("audio track " + m4a + " does not exist");
        }
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(m4a.toFile())) {
            try {
                in.start();
            } catch (FrameGrabber.Exception e) {
                throw new AssembleException("cannot read audio track " + m4a + ": " + e.getMessage(), e);
            }
            AVFormatContext format = in.getFormatContext();
            for (int i = 0; i < format.nb_streams(); i++) {
                AVStream stream = format.streams(i);
                if (stream.codecpar().codec_type() != AVMEDIA_TYPE_AUDIO) {
                    continue;
                }
                if (stream.codecpar().codec_id() != AV_CODEC_ID_AAC) {
                    throw new AssembleException("audio track " + m4a + " is not AAC, so it cannot be stream copied");
                }
                AVRational base = stream.time_base();
                double seconds = stream.duration() > 0 ? stream.duration() * (double) base.num() / base.den()
                        : format.duration() / (double) AV_TIME_BASE;
                return new Info(seconds, stream.codecpar().sample_rate(), stream.codecpar().ch_layout().nb_channels());
            }
            throw new AssembleException("audio track " + m4a + " has no audio stream");
        } catch (FrameGrabber.Exception e) {
            throw new AssembleException("closing " + m4a + " failed: " + e.getMessage(), e);
        }
    }

    private static void encodeTo(Path audio, Path m4a, double seconds) throws AssembleException {
        if (!Files.isRegularFile(audio)) {
            throw new AssembleException("audio file " + audio + " does not exist");
        }
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(audio.toFile())) {
            in.setSampleMode(FrameGrabber.SampleMode.FLOAT);
            try {
                in.start();
            } catch (FrameGrabber.Exception e) {
                throw new AssembleException("cannot read audio file " + audio + ": " + e.getMessage(), e);
            }
            int channels = in.getAudioChannels();
            if (channels <= 0 || in.getSampleRate() <= 0) {
                throw new AssembleException("audio file " + audio + " has no audio stream");
            }
            int rate = encodedRate(in.getSampleRate());
            in.setSampleRate(rate); // the grabber resamples from here on when the input's rate is not AAC's
            long target = Math.round(seconds * rate);
            try (FFmpegFrameRecorder out = new FFmpegFrameRecorder(m4a.toFile(), Math.min(channels, 2))) {
                out.setFormat("mp4");
                out.setAudioCodec(AV_CODEC_ID_AAC);
                out.setSampleRate(rate);
                out.setAudioBitrate(BITRATE);
                out.start();
                long written = 0;
                Frame frame;
                while (written < target && (frame = in.grabSamples()) != null) {
                    written += record(out, frame, rate, channels, target - written);
                }
                FloatBuffer silence = FloatBuffer.allocate(SILENCE_BLOCK * channels);
                while (written < target) {
                    int take = (int) Math.min(SILENCE_BLOCK, target - written);
                    silence.clear().limit(take * channels);
                    out.recordSamples(rate, channels, silence);
                    written += take;
                }
                out.stop();
            } catch (FrameRecorder.Exception e) {
                throw new AssembleException("encoding " + audio + " to AAC failed: " + e.getMessage(), e);
            }
        } catch (FrameGrabber.Exception e) {
            throw new AssembleException("decoding audio file " + audio + " failed: " + e.getMessage(), e);
        }
    }

    /** Records at most {@code limit} samples per channel of the frame; returns how many it recorded. */
    private static long record(FFmpegFrameRecorder out, Frame frame, int rate, int channels, long limit)
            throws FrameRecorder.Exception {
        Buffer[] buffers = frame.samples;
        boolean planar = buffers.length > 1;
        int perChannel = planar ? buffers[0].remaining() : buffers[0].remaining() / channels;
        int take = (int) Math.min(perChannel, limit);
        Buffer[] slices = new Buffer[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            FloatBuffer slice = ((FloatBuffer) buffers[i]).duplicate();
            slice.limit(slice.position() + (planar ? take : take * channels));
            slices[i] = slice;
        }
        out.recordSamples(rate, channels, slices);
        return take;
    }
}
