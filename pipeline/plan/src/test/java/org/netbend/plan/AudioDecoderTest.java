package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioDecoderTest {
    @TempDir
    Path dir;

    /**
     * Every format, at odd rates and channel counts: the decoded mono signal at 44.1 kHz must have the length of
     * the original and the level of a 440 Hz sine of amplitude 0.5 (RMS 0.3536), within the codec's loss.
     */
    @ParameterizedTest(name = "{0} at {1} Hz, {2} channels")
    @CsvSource({
        "WAV_U8, 8000, 1, 0.03",
        "WAV_S16, 44100, 2, 0.005",
        "WAV_S24, 96000, 1, 0.005",
        "WAV_S32, 22050, 3, 0.005",
        "WAV_F32, 11025, 6, 0.005",
        "MP3, 32000, 2, 0.02",
        "FLAC, 88200, 2, 0.005",
        "OGG_VORBIS, 37800, 2, 0.02", // FFmpeg's own vorbis encoder writes stereo only
        "OPUS, 48000, 2, 0.02",
        "M4A_AAC, 44100, 1, 0.02",
    })
    void decodesEveryFormatToMonoAtTheAnalysisRate(TestAudio.Format format, int rate, int channels,
            double rmsTolerance) throws Exception {
        double seconds = 2.0;
        Path file = TestAudio.write(dir.resolve("tone." + format.extension), TestAudio.sine(440, 0.5, seconds, rate),
                rate, channels, format);

        AudioInfo info = AudioDecoder.probe(file);
        assertEquals(rate, info.sampleRate(), "native rate");
        assertEquals(channels, info.channels(), "native channels");
        assertEquals(seconds, info.durationSeconds(), 0.1, "duration");

        try (AudioStream stream = AudioDecoder.open(file, 44_100)) {
            float[] samples = TestAudio.readAll(stream);
            assertEquals(seconds * 44_100, samples.length, 0.06 * 44_100, "decoded length");
            assertEquals(samples.length, stream.samplesRead());
            // Skip codec priming and fades at both ends.
            int from = 4410;
            int to = samples.length - 4410;
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += samples[i] * samples[i];
            }
            double rms = Math.sqrt(sum / (to - from));
            assertEquals(0.5 / Math.sqrt(2), rms, rmsTolerance, format + " level after mixdown");
            assertFalse(stream.truncated(), "a complete file is not truncated");
        }
    }

    @Test
    void missingFileNamesTheFile() {
        Path missing = dir.resolve("nope.wav");
        AudioException e = assertThrows(AudioException.class, () -> AudioDecoder.open(missing, 44_100));
        assertEquals(missing + ": file not found", e.getMessage());
    }

    @Test
    void emptyFileIsRejectedWithOneLine() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp3"));
        AudioException e = assertThrows(AudioException.class, () -> AudioDecoder.probe(empty));
        assertEquals(empty + ": empty file (0 bytes)", e.getMessage());
    }

    @Test
    void textFileIsNotAudio() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.wav"), "these are not the samples you are looking for\n"
                .repeat(50));
        AudioException e = assertThrows(AudioException.class, () -> AudioDecoder.open(text, 44_100));
        assertTrue(e.getMessage().startsWith(text + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("not a readable audio file") || e.getMessage().contains("no audio"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertFalse(e.getMessage().contains("setFormat") || e.getMessage().contains("FFmpegLogCallback"),
                "no hints for JavaCV's developers: " + e.getMessage());
    }

    @Test
    void directoryIsRejected() {
        AudioException e = assertThrows(AudioException.class, () -> AudioDecoder.probe(dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"WAV_S16", "FLAC"})
    void truncatedFileDecodesWhatItCanAndSaysSo(TestAudio.Format format) throws Exception {
        Path whole = TestAudio.write(dir.resolve("whole." + format.extension),
                TestAudio.sine(440, 0.5, 4.0, 44_100), 44_100, 1, format);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut." + format.extension),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));

        try (AudioStream stream = AudioDecoder.open(cut, 44_100)) {
            float[] samples = TestAudio.readAll(stream);
            assertEquals(1.75, samples.length / 44_100.0, 0.5, "about half the audio decodes (flac compresses unevenly)");
            assertTrue(stream.truncated(), "the stream reports truncation");
        }
        AudioAnalysis analysis = AudioAnalyzer.analyzeFully(cut, AnalysisOptions.paperFeatures(20));
        assertTrue(analysis.truncated());
        assertEquals(Math.ceil(analysis.track().durationSeconds() * 20), analysis.track().frameCount(), 1e-9);
    }

    @Test
    void resamplesWithoutChangingPitchOrLength() throws Exception {
        Path file = TestAudio.write(dir.resolve("tone48.wav"), TestAudio.sine(1000, 0.5, 1.0, 48_000), 48_000, 1,
                TestAudio.Format.WAV_F32);
        try (AudioStream stream = AudioDecoder.open(file, 16_000)) {
            float[] samples = TestAudio.readAll(stream);
            assertEquals(16_000, samples.length, 40);
            // Count rising zero crossings over the steady middle: 1000 Hz gives 1 per 16 samples.
            int crossings = 0;
            for (int i = 2000; i < 14_000; i++) {
                if (samples[i - 1] < 0 && samples[i] >= 0) {
                    crossings++;
                }
            }
            assertEquals(750, crossings, 2);
        }
    }

    /** The truncation check once compared the announced length with the samples counted before the last read. */
    @ParameterizedTest(name = "{0} s at {1} Hz")
    @CsvSource({"1, 44100", "2, 44100", "4, 44100", "1, 48000", "1, 22050", "0.3, 8000"})
    void cleanShortWavsAreNotTruncated(double seconds, int rate) throws Exception {
        Path file = TestAudio.writeWav16(dir.resolve("short.wav"), TestAudio.sine(440, 0.5, seconds, rate), rate);
        try (AudioStream stream = AudioDecoder.open(file, 44_100)) {
            float[] samples = new float[44_100]; // reads as large as the analyser's
            while (stream.read(samples) > 0) {
                // drain
            }
            assertEquals(seconds * 44_100, stream.samplesRead(), 0.01 * 44_100, "decoded length");
            assertFalse(stream.truncated(), "a complete " + seconds + " s wav is not truncated");
        }
    }

    /** A float wav written byte by byte (FFmpeg's encoder would not keep a NaN), announcing {@code dataBytes}. */
    private static Path floatWav(Path file, float[] samples, long dataBytes) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 4 * samples.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 3).putShort((short) 1).putInt(44_100).putInt(4 * 44_100).putShort((short) 4)
                .putShort((short) 32).put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt((int) dataBytes);
        for (float x : samples) {
            b.putFloat(x);
        }
        return Files.write(file, b.array());
    }

    @Test
    void nanOrInfiniteSamplesAreRefusedNamingTheFirstOnesTime() throws Exception {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            float[] samples = TestAudio.sine(440, 0.5, 3.0, 44_100);
            java.util.Arrays.fill(samples, 66_150, 66_150 + 1014, bad); // 23 ms from 1.500 s
            Path wav = floatWav(dir.resolve("bad.wav"), samples, 4L * samples.length);
            AudioException e = assertThrows(AudioException.class,
                    () -> AudioAnalyzer.analyzeFully(wav, AnalysisOptions.defaults(20)));
            String expected = wav + ": sample at 1.500 s is " + (Float.isNaN(bad) ? "NaN" : "infinite")
                    + "; netbend refuses audio with NaN or infinite samples";
            assertEquals(expected, e.getMessage());
            assertThrows(AudioException.class, () -> AudioAnalyzer.analyzeFully(AudioSources.of(wav),
                    AnalysisOptions.defaults(20).withFeatures(java.util.Set.of("rms@percussive"))));
        }
    }

    @Test
    void aHeaderAnnouncingMoreThanTheFileHoldsIsReportedWithBothDurations() throws Exception {
        float[] samples = TestAudio.sine(440, 0.5, 1.0, 44_100);
        Path wav = floatWav(dir.resolve("liar.wav"), samples, 4L * 44_100 * 10); // announces 10 s
        assertEquals(10.0, WavHeader.announcedSeconds(wav), 1e-12);
        try (AudioStream stream = AudioDecoder.open(wav, 44_100)) {
            TestAudio.readAll(stream);
            assertTrue(stream.truncated());
            assertEquals(wav + ": file is truncated or damaged; decoded 1.000 s of 10.000 s announced",
                    ((FfmpegAudioStream) stream).warning());
        }
        Path honest = floatWav(dir.resolve("honest.wav"), samples, 4L * samples.length);
        assertEquals(1.0, WavHeader.announcedSeconds(honest), 1e-12);
        try (AudioStream stream = AudioDecoder.open(honest, 44_100)) {
            TestAudio.readAll(stream);
            assertFalse(stream.truncated());
            assertEquals(null, ((FfmpegAudioStream) stream).warning());
        }
    }
}
