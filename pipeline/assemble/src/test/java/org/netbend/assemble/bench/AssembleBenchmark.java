package org.netbend.assemble.bench;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.netbend.assemble.ChunkEncoder;
import org.netbend.assemble.FFmpegLogging;
import org.netbend.assemble.VideoAssembler;
import org.netbend.assemble.AacTrack;
import org.netbend.assemble.VideoInfo;
import org.netbend.assemble.VideoSettings;
import org.netbend.core.RgbImage;

/**
 * Prints the cost of the ASSEMBLE stage: H.264 encode time per 512x512 frame (per preset), and the time to join
 * N chunks by stream copy with and without AAC audio (encoded while joining, or encoded ahead and copied). Arguments: [frames per chunk (20)] [chunks (50)].
 */
public final class AssembleBenchmark {
    private static final int SIZE = 512;
    private static final double FPS = 20;

    public static void main(String[] args) throws Exception {
        int framesPerChunk = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int chunkCount = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        FFmpegLogging.errorsOnly();
        Path dir = Files.createTempDirectory("netbend-assemble-bench");
        try {
            List<RgbImage> frames = movingFrames(framesPerChunk);
            System.out.printf(Locale.ROOT, "H.264 encode, %dx%d, crf 18, %d frames per chunk:%n", SIZE, SIZE, framesPerChunk);
            for (String preset : List.of("ultrafast", "veryfast", "medium")) {
                VideoSettings settings = new VideoSettings(FPS, 18, preset, 40);
                encode(dir.resolve("warmup.mp4"), frames, settings);
                long start = System.nanoTime();
                int reps = 3;
                for (int r = 0; r < reps; r++) {
                    encode(dir.resolve("bench.mp4"), frames, settings);
                }
                double msPerFrame = (System.nanoTime() - start) / 1e6 / (reps * frames.size());
                System.out.printf(Locale.ROOT, "  preset %-9s %7.2f ms/frame (%5.1f fps), chunk %6.1f KiB%n", preset,
                        msPerFrame, 1000 / msPerFrame, Files.size(dir.resolve("bench.mp4")) / 1024.0);
            }

            VideoSettings settings = VideoSettings.defaults(FPS);
            List<Path> chunks = new ArrayList<>();
            for (int i = 0; i < chunkCount; i++) {
                Path chunk = dir.resolve(String.format("%05d.mp4", i));
                encode(chunk, frames, settings);
                chunks.add(chunk);
            }
            int total = framesPerChunk * chunkCount;
            Path audio = sine(dir.resolve("track.wav"), total / FPS + 1);
            System.out.printf(Locale.ROOT, "Join %d chunks (%d frames, %.1f s of video) by stream copy:%n",
                    chunkCount, total, total / FPS);
            for (Path track : new Path[] {null, audio, null, audio}) { // each twice: the first is a warm-up
                long start = System.nanoTime();
                VideoInfo info = VideoAssembler.concatWithAudio(chunks, track, dir.resolve("video.mp4"), settings);
                double ms = (System.nanoTime() - start) / 1e6;
                System.out.printf(Locale.ROOT, "  %-22s %8.1f ms (%.3f ms/frame), %d frames, %.2f s%n",
                        track == null ? "video only" : "with AAC audio (wav)", ms, ms / total, info.frameCount(),
                        info.durationSeconds());
            }
            // The split PLAN/ASSEMBLE makes: encode the track once ahead, then mux it by stream copy.
            Path m4a = dir.resolve("audio.m4a");
            long encodeStart = System.nanoTime();
            AacTrack.encode(audio, m4a, total / FPS);
            double encodeMs = (System.nanoTime() - encodeStart) / 1e6;
            System.out.printf(Locale.ROOT, "  %-22s %8.1f ms (%.3f ms/frame), off the critical path (PLAN)%n",
                    "AAC encode ahead", encodeMs, encodeMs / total);
            for (int r = 0; r < 2; r++) { // the first is a warm-up
                long start = System.nanoTime();
                VideoInfo info = VideoAssembler.concatWithAacTrack(chunks, m4a, dir.resolve("video.mp4"), settings);
                double ms = (System.nanoTime() - start) / 1e6;
                System.out.printf(Locale.ROOT, "  %-22s %8.1f ms (%.3f ms/frame), %d frames, %.2f s%n",
                        "with AAC stream copy", ms, ms / total, info.frameCount(), info.durationSeconds());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void encode(Path file, List<RgbImage> frames, VideoSettings settings) throws Exception {
        try (ChunkEncoder encoder = new ChunkEncoder(file, SIZE, SIZE, settings)) {
            for (RgbImage frame : frames) {
                encoder.add(frame);
            }
        }
    }

    /** Smooth gradients that drift from frame to frame, roughly like toy-model output. */
    private static List<RgbImage> movingFrames(int count) {
        List<RgbImage> frames = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            byte[] p = new byte[SIZE * SIZE * 3];
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int o = (y * SIZE + x) * 3;
                    p[o] = (byte) (128 + 100 * Math.sin((x + 3 * f) / 40.0));
                    p[o + 1] = (byte) (128 + 100 * Math.cos((y - 2 * f) / 55.0));
                    p[o + 2] = (byte) ((x ^ y) / 4 + f);
                }
            }
            frames.add(new RgbImage(SIZE, SIZE, p));
        }
        return frames;
    }

    private static Path sine(Path file, double seconds) throws Exception {
        int rate = 44_100;
        int samples = (int) (seconds * rate);
        ByteBuffer bytes = ByteBuffer.allocate(samples * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            short s = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / rate));
            bytes.putShort(s).putShort(s);
        }
        AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, samples)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
