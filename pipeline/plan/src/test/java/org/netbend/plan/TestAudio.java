package org.netbend.plan;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Synthesised test signals, and files written from them by FFmpeg through JavaCV. */
final class TestAudio {
    private TestAudio() { }

    /** A container and codec FFmpeg writes, with the rate it accepts. */
    enum Format {
        WAV_U8("wav", "wav", avcodec.AV_CODEC_ID_PCM_U8, avutil.AV_SAMPLE_FMT_U8, 0),
        WAV_S16("wav", "wav", avcodec.AV_CODEC_ID_PCM_S16LE, avutil.AV_SAMPLE_FMT_S16, 0),
        WAV_S24("wav", "wav", avcodec.AV_CODEC_ID_PCM_S24LE, avutil.AV_SAMPLE_FMT_S32, 0),
        WAV_S32("wav", "wav", avcodec.AV_CODEC_ID_PCM_S32LE, avutil.AV_SAMPLE_FMT_S32, 0),
        WAV_F32("wav", "wav", avcodec.AV_CODEC_ID_PCM_F32LE, avutil.AV_SAMPLE_FMT_FLT, 0),
        MP3("mp3", "mp3", avcodec.AV_CODEC_ID_MP3, -1, 128_000),
        FLAC("flac", "flac", avcodec.AV_CODEC_ID_FLAC, -1, 0),
        OGG_VORBIS("ogg", "ogg", avcodec.AV_CODEC_ID_VORBIS, avutil.AV_SAMPLE_FMT_FLTP, 128_000),
        OPUS("opus", "opus", avcodec.AV_CODEC_ID_OPUS, -1, 128_000),
        M4A_AAC("m4a", "ipod", avcodec.AV_CODEC_ID_AAC, -1, 160_000);

        final String extension;
        final String muxer;
        final int codec;
        final int sampleFormat;
        final int bitrate;

        Format(String extension, String muxer, int codec, int sampleFormat, int bitrate) {
            this.extension = extension;
            this.muxer = muxer;
            this.codec = codec;
            this.sampleFormat = sampleFormat;
            this.bitrate = bitrate;
        }
    }

    static float[] sine(double hz, double amplitude, double seconds, int sampleRate) {
        float[] x = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return x;
    }

    static float[] whiteNoise(double amplitude, double seconds, int sampleRate, long seed) {
        Random random = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
        }
        return x;
    }

    /** Short decaying noise bursts ("clicks") at the given times. */
    static float[] clicks(double[] times, double seconds, int sampleRate) {
        float[] x = new float[(int) Math.round(seconds * sampleRate)];
        Random random = new Random(7);
        int length = (int) (0.01 * sampleRate);
        for (double t : times) {
            int start = (int) Math.round(t * sampleRate);
            for (int i = 0; i < length && start + i < x.length; i++) {
                x[start + i] += (float) (0.8 * Math.exp(-i / (0.002 * sampleRate)) * (2 * random.nextDouble() - 1));
            }
        }
        return x;
    }

    /** Click times at a steady tempo from {@code start} until {@code end}. */
    static double[] beatTimes(double bpm, double start, double end) {
        int n = (int) Math.floor((end - start) * bpm / 60 + 1e-9);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * 60 / bpm;
        }
        return t;
    }

    /** Writes the mono signal copied to {@code channels} channels. */
    static Path write(Path file, float[] mono, int sampleRate, int channels, Format format) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), channels)) {
            recorder.setFormat(format.muxer);
            recorder.setAudioCodec(format.codec);
            recorder.setSampleRate(sampleRate);
            recorder.setAudioChannels(channels);
            if (format.sampleFormat >= 0) {
                recorder.setSampleFormat(format.sampleFormat);
            }
            recorder.setAudioOption("strict", "experimental");
            if (format.bitrate > 0) {
                recorder.setAudioBitrate(format.bitrate);
            }
            recorder.start();
            int block = 4096;
            float[] interleaved = new float[block * channels];
            for (int offset = 0; offset < mono.length; offset += block) {
                int n = Math.min(block, mono.length - offset);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        interleaved[i * channels + c] = mono[offset + i];
                    }
                }
                recorder.recordSamples(sampleRate, channels, FloatBuffer.wrap(interleaved, 0, n * channels));
            }
            recorder.stop();
        }
        return file;
    }

    static Path writeWav16(Path file, float[] mono, int sampleRate) throws Exception {
        return write(file, mono, sampleRate, 1, Format.WAV_S16);
    }

    static float[] concat(float[]... parts) {
        int total = 0;
        for (float[] p : parts) {
            total += p.length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static float[] readAll(AudioStream stream) throws AudioException {
        float[] out = new float[1 << 16];
        int size = 0;
        float[] block = new float[3000];
        int n;
        while ((n = stream.read(block)) > 0) {
            if (size + n > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            System.arraycopy(block, 0, out, size, n);
            size += n;
        }
        return java.util.Arrays.copyOf(out, size);
    }
}
