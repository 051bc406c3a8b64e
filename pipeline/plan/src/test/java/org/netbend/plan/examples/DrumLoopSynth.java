package org.netbend.plan.examples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.netbend.core.KeyedRandom;

/**
 * Writes examples/drums.wav: 9 s, mono, 22050 Hz, 16-bit. 0-1 s silence; 1-3 s a quiet intro (soft hi-hats
 * only, 120 BPM eighths); 3-6 s kick, snare and hats at moderate level; 6-9 s the same pattern loud, with an
 * open hat and a crash on 6 s. So RMS and onsets move a lot and the tempo is 120 BPM throughout.
 * Every sound is synthesised here (sine sweeps and noise from {@link KeyedRandom}, seed 2024), so the file is
 * the project's own and regenerates bit for bit.
 *
 * <p>Run from the repository root:
 * {@code mvn -q -o -pl pipeline/plan exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.netbend.plan.examples.DrumLoopSynth -Dexec.args=examples/drums.wav}
 */
public final class DrumLoopSynth {
    static final int SAMPLE_RATE = 22_050;
    static final double SECONDS = 9;
    static final double BEAT = 0.5; // 120 BPM

    private DrumLoopSynth() { }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "examples/drums.wav");
        float[] mix = render();
        write(mix, out);
        System.out.println("wrote " + out.toAbsolutePath() + " (" + Files.size(out) + " bytes, "
                + mix.length / (double) SAMPLE_RATE + " s)");
    }

    static float[] render() {
        float[] mix = new float[(int) (SECONDS * SAMPLE_RATE)];
        KeyedRandom random = KeyedRandom.of(2024, 0, "drum-noise");
        for (int step = 0; step < SECONDS / (BEAT / 2); step++) {
            double t = step * BEAT / 2;
            if (t < 1) {
                continue; // silence
            }
            double gain = t < 3 ? 0.12 : t < 6 ? 0.35 : 0.9;
            boolean onBeat = step % 2 == 0;
            int beatInBar = (step / 2) % 4;
            hat(mix, t, gain * (onBeat ? 0.5 : 0.35), t >= 6 && !onBeat ? 0.12 : 0.03, random);
            if (t >= 3 && onBeat && (beatInBar == 0 || beatInBar == 2)) {
                kick(mix, t, gain);
            }
            if (t >= 3 && onBeat && (beatInBar == 1 || beatInBar == 3)) {
                snare(mix, t, gain * 0.8, random);
            }
        }
        crash(mix, 6.0, 0.5, random);
        for (int i = 0; i < mix.length; i++) {
            mix[i] = (float) Math.tanh(mix[i]); // soft clip the loud section
        }
        return mix;
    }

    /** A sine sweeping from 150 Hz down to 50 Hz with a 120 ms decay. */
    private static void kick(float[] mix, double at, double gain) {
        int start = (int) (at * SAMPLE_RATE);
        double phase = 0;
        for (int i = 0; i < 0.4 * SAMPLE_RATE && start + i < mix.length; i++) {
            double s = i / (double) SAMPLE_RATE;
            double freq = 50 + 100 * Math.exp(-s / 0.04);
            phase += 2 * Math.PI * freq / SAMPLE_RATE;
            mix[start + i] += (float) (gain * Math.exp(-s / 0.12) * Math.sin(phase));
        }
    }

    /** Noise plus a 180 Hz body, decaying over about 100 ms. */
    private static void snare(float[] mix, double at, double gain, KeyedRandom random) {
        int start = (int) (at * SAMPLE_RATE);
        for (int i = 0; i < 0.3 * SAMPLE_RATE && start + i < mix.length; i++) {
            double s = i / (double) SAMPLE_RATE;
            double noise = 2 * random.nextDouble() - 1;
            double body = Math.sin(2 * Math.PI * 180 * s) * Math.exp(-s / 0.05);
            mix[start + i] += (float) (gain * (0.7 * noise * Math.exp(-s / 0.08) + 0.5 * body));
        }
    }

    /** High-passed noise (first difference) with a short decay; longer when open. */
    private static void hat(float[] mix, double at, double gain, double decay, KeyedRandom random) {
        int start = (int) (at * SAMPLE_RATE);
        double previous = 0;
        for (int i = 0; i < 5 * decay * SAMPLE_RATE && start + i < mix.length; i++) {
            double s = i / (double) SAMPLE_RATE;
            double noise = 2 * random.nextDouble() - 1;
            mix[start + i] += (float) (gain * 0.6 * (noise - previous) * Math.exp(-s / decay));
            previous = noise;
        }
    }

    private static void crash(float[] mix, double at, double gain, KeyedRandom random) {
        hat(mix, at, gain, 0.6, random);
    }

    static void write(float[] mix, Path out) throws IOException {
        byte[] pcm = new byte[mix.length * 2];
        for (int i = 0; i < mix.length; i++) {
            int v = (int) Math.round(Math.max(-1, Math.min(1, mix[i])) * 32767);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm), format, mix.length)) {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out.toFile());
        }
    }
}
