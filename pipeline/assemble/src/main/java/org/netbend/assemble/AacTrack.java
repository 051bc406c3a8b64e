package org.netbend.assemble;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;

import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes an audio file to an AAC track of an exact length: the input is cut there, or padded with silence up to
 * it. Sample-accurate at the input's sample rate; up to two channels are kept (more are mixed down by FFmpeg).
 */
final class AacTrack {
    static final int BITRATE = 192_000;
    private static final int SILENCE_BLOCK = 1024;

    private AacTrack() { }

    static void encode(Path audio, Path m4a, double seconds) throws AssembleException {
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
            int rate = in.getSampleRate();
            if (channels <= 0 || rate <= 0) {
                throw new AssembleException("audio file " + audio + " has no audio stream");
            }
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
