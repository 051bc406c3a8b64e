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
    private String warning;
    private String decoderError;

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
            requireFinite(buffer, written, count);
            written += count;
            samplesRead += count; // counted as they are taken: finish() may run in the middle of this read
        }
        return written == 0 ? -1 : written;
    }

    /**
     * Refuses NaN and infinite samples (a float wav can hold them): propagated, they would turn every feature
     * after them into NaN. The message names the time of the first one, so the file can be repaired.
     */
    private void requireFinite(float[] buffer, int from, int count) throws AudioException {
        for (int i = from; i < from + count; i++) {
            if (!Float.isFinite(buffer[i])) {
                double seconds = (samplesRead + i - from) / (double) sampleRate;
                throw AudioException.of(info.file(), String.format(java.util.Locale.ROOT,
                        "sample at %.3f s is %s; netbend refuses audio with NaN or infinite samples",
                        seconds, Float.isNaN(buffer[i]) ? "NaN" : "infinite"));
            }
        }
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
            decoderError = AudioDecoder.oneLine(e.getMessage());
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
        double announced = Math.max(info.durationSeconds(), "wav".equals(info.format())
                ? WavHeader.announcedSeconds(info.file()) : 0); // FFmpeg clamps a wav's duration to its bytes
        double expected = announced * sampleRate;
        double tolerance = Math.max(0.05 * sampleRate, 0.01 * expected);
        if (expected > 0 && samplesRead < expected - tolerance) {
            truncated = true;
        }
        if ("wav".equals(info.format()) && WavHeader.missingDataBytes(info.file()) > 0) {
            truncated = true;
        }
        if (truncated) {
            warning = String.format(java.util.Locale.ROOT, "%s: file is truncated or damaged; decoded %.3f s of %.3f s"
                    + " announced%s", info.file(), samplesRead / (double) sampleRate, announced,
                    decoderError == null ? "" : " (" + decoderError + ")");
            LOG.warn("{}", warning); // the one report of it: the CLI prints no second line
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

    /** The warning logged for a truncated file, null when there was none. */
    String warning() { return warning; }

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
