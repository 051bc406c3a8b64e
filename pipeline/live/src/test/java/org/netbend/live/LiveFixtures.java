package org.netbend.live;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.netbend.render.DownloadListener;
import org.netbend.render.ModelResolver;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.toy.ToyModelSpec;

/** A toy model, a WAV whose loudness swells and falls, and a sink that keeps the frames. */
final class LiveFixtures {
    static final int RATE = 44100;

    private LiveFixtures() { }

    static StableDiffusion toy(Path cache) throws IOException {
        Path folder = new ModelResolver(cache, DownloadListener.SILENT).toy(ToyModelSpec.DEFAULT);
        return StableDiffusion.open(folder, RuntimeOptions.cpu().withThreads(1));
    }

    /** 220 Hz whose amplitude rises to 0.8 at 60% of the file and falls back: rms has one clear maximum. */
    static Path swell(Path file, double seconds) throws IOException {
        int n = (int) Math.round(seconds * RATE);
        ByteBuffer bytes = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double x = i / (double) n;
            double amplitude = 0.05 + 0.75 * Math.max(0, 1 - Math.abs(x - 0.6) / 0.6);
            bytes.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * 220 * i / RATE) * 32767));
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** Keeps every frame (small images) and runs an action after chosen frames. */
    static final class Frames implements FrameSink {
        final List<LiveFrame> frames = new ArrayList<>();
        private final java.util.function.Consumer<LiveFrame> after;

        Frames() { this(f -> { }); }

        Frames(java.util.function.Consumer<LiveFrame> after) { this.after = after; }

        @Override
        public void accept(LiveFrame frame) {
            frames.add(frame);
            after.accept(frame);
        }
    }
}
