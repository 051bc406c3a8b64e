package org.netbend.farm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Synthesised test tracks, so that what the features must say is known. */
public final class TestAudio {
    public static final int RATE = 44100;

    private TestAudio() { }

    /** Silence, then a loud 220 Hz + noise burst, then silence; lengths in seconds. */
    public static Path silenceBurstSilence(Path file, double before, double burst, double after) throws IOException {
        int n0 = (int) Math.round(before * RATE);
        int n1 = (int) Math.round(burst * RATE);
        int n2 = (int) Math.round(after * RATE);
        float[] samples = new float[n0 + n1 + n2];
        java.util.Random noise = new java.util.Random(7);
        for (int i = 0; i < n1; i++) {
            samples[n0 + i] = (float) (0.6 * Math.sin(2 * Math.PI * 220 * i / RATE) + 0.2 * (noise.nextDouble() * 2 - 1));
        }
        return writeWav(file, samples);
    }

    public static Path writeWav(Path file, float[] samples) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            bytes.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
