package org.netbend.plan;

import java.nio.FloatBuffer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AudioStream} over a started grabber that already converts to packed float at the target rate. */
final class FfmpegAudioStream implements AudioStream {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegAudioStream.class);

    private final FFmpegFrameGrabber grabber;
    private final AudioInfo info;
    private final int sampleRate;
    private FloatBuffer pending;
    private int pendingChannels;
    private long samplesRead;
    private boolean ended;
    private boolean truncated;

    FfmpegAudioStream(FFmpegFrameGrabber grabber, AudioInfo info, int sampleRate) {
        this.grabber = grabber;
        this.info = info;
        this.sampleRate = sampleRate;
    }

    @Override
    public int read(float[] buffer) throws AudioException {
        if (buffer.length == 0) {
            throw new IllegalArgumentException("read buffer must not be empty");
        }
        int written = 0;
        while (written < buffer.length) {
            if (pending == null || !pending.hasRemaining()) {
                if (!nextBlock()) {
                    break;
                }
                continue;
            }
            int channels = pendingChannels;
            int available = pending.remaining() / channels;
            int count = Math.min(available, buffer.length - written);
            if (channels == 1) {
                pending.get(buffer, written, count);
            } else {
                float scale = 1f / channels;
                for (int i = 0; i < count; i++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += pending.get();
                    }
                    buffer[written + i] = sum * scale;
                }
            }
            written += count;
            samplesRead += count; // counted as they are taken: finish() may run in the middle of this read
        }
        return written == 0 ? -1 : written;
    }

    /** Grabs the next block of samples; false at the end (or at the first damaged block: the file is truncated). */
    private boolean nextBlock() throws AudioException {
        if (ended) {
            return false;
        }
        Frame frame;
        try {
            frame = grabber.grabSamples();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            LOG.warn("{}: decoding stopped after {} s: {}", info.file(), samplesRead / (double) sampleRate,
                    AudioDecoder.oneLine(e.getMessage()));
            truncated = true;
            return finish();
        }
        if (frame == null) {
            return finish();
        }
        if (frame.samples == null || frame.samples.length == 0 || frame.audioChannels <= 0) {
            return true; // an empty block (e.g. a decoder priming packet): try the next one
        }
        if (!(frame.samples[0] instanceof FloatBuffer floats)) {
            throw AudioException.of(info.file(), "decoder returned " + frame.samples[0].getClass().getSimpleName()
                    + " samples, expected float");
        }
        pending = floats;
        pendingChannels = frame.audioChannels;
        return true;
    }

    private boolean finish() {
        ended = true;
        pending = null;
        // A container that announces more audio than could be decoded was cut short (header sizes of wav,
        // STREAMINFO of flac, Xing of mp3). Codec priming and padding stay well under the tolerance.
        double expected = info.durationSeconds() * sampleRate;
        double tolerance = Math.max(0.05 * sampleRate, 0.01 * expected);
        if (expected > 0 && samplesRead < expected - tolerance) {
            truncated = true;
        }
        if ("wav".equals(info.format()) && WavHeader.missingDataBytes(info.file()) > 0) {
            truncated = true; // FFmpeg clamps a cut wav's duration to the bytes present
        }
        if (truncated) {
            LOG.warn("{}: file is truncated or damaged; decoded {} s of {} s announced", info.file(),
                    String.format("%.3f", samplesRead / (double) sampleRate),
                    String.format("%.3f", info.durationSeconds()));
        }
        return false;
    }

    @Override
    public int sampleRate() { return sampleRate; }

    @Override
    public AudioInfo info() { return info; }

    @Override
    public long samplesRead() { return samplesRead; }

    @Override
    public boolean truncated() { return truncated; }

    @Override
    public void close() throws AudioException {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw AudioException.of(info.file(), "could not close decoder (" + AudioDecoder.oneLine(e.getMessage())
                    + ")", e);
        }
    }

    static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // releasing after a failure: the original error is what matters
        }
    }
}
