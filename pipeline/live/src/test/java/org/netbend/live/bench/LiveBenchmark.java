package org.netbend.live.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.netbend.live.FileInput;
import org.netbend.live.FrameSink;
import org.netbend.live.JpegEncoder;
import org.netbend.live.JpegFrames;
import org.netbend.live.LiveLoop;
import org.netbend.live.LiveReport;
import org.netbend.live.LiveSettings;
import org.netbend.live.MidiKnobs;
import org.netbend.live.RealTimeClock;
import org.netbend.render.DownloadListener;
import org.netbend.render.ModelResolver;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.toy.ToyModelSpec;

/**
 * {@code ./netbend bench live [--seconds S] [--size PX] [--threads N] [--heavy CxL] [--jpeg inline|async]}: the live loop on a real-time
 * clock over a synthetic track, toy model, 1 LCM step: sustained fps, audio-to-frame latency p50/p95 (frame n's
 * latency is when its JPEG was ready minus when its audio had been heard) with 0, 1 and 3 bends; then the
 * compute-heavy toy U-Net with 1 bend, to show where a frame's time goes. Prints the load average: the figures
 * depend on what else runs on the machine.
 */
public final class LiveBenchmark {
    private static final List<String> BENDS = List.of("rotate-r1@0=rms[0..2pi]", "multiply@0=centroid[1..1.5]",
            "add@0=max(flux,high)[0..0.5]|smooth(0.5)");

    /** --jpeg inline: the JPEG on the loop's thread (as before the page); async (default): as the page does it. */
    private static boolean inlineJpeg;

    private LiveBenchmark() { }

    public static void main(String[] args) throws Exception {
        double seconds = 10;
        int size = 256;
        int threads = 0;
        String heavy = "64x5";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--heavy" -> heavy = args[i + 1];
                case "--jpeg" -> inlineJpeg = args[i + 1].equals("inline");
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --seconds S, --size PX, --threads N, --heavy CxL, --jpeg inline|async");
            }
        }
        Path cache = Path.of("target", "bench-models");
        Path wav = track(Files.createTempFile("live-bench", ".wav"), seconds);
        ModelResolver resolver = new ModelResolver(cache, DownloadListener.SILENT);
        RuntimeOptions runtime = RuntimeOptions.cpu().withThreads(threads);
        LiveSettings settings = LiveSettings.defaults().withSize(size, size);
        System.out.printf(Locale.ROOT, "netbend live benchmark: %.0f s of audio at %.0f fps, %dx%d, %d %s step, CFG off,"
                + " real-time clock, JPEG per frame; %d cores visible, load average %.2f%n", seconds, settings.fps(),
                size, size, settings.steps(), settings.scheduler(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path toy = resolver.toy(ToyModelSpec.DEFAULT);
        Path warm = track(Files.createTempFile("live-warm", ".wav"), 3);
        run("warm-up (JIT; not a figure)", toy, runtime, settings, warm, BENDS); // the first run pays the JIT
        Files.deleteIfExists(warm);
        for (int bends : new int[] {0, 1, 3}) {
            run("toy, " + bends + " bend(s)", toy, runtime, settings, wav, BENDS.subList(0, bends));
        }
        String[] cl = heavy.split("x");
        Path heavyModel = resolver.toy(ToyModelSpec.DEFAULT.withHeavyUnet(Integer.parseInt(cl[0]),
                Integer.parseInt(cl[1])));
        run("toy-heavy-unet " + heavy + ", 1 bend", heavyModel, runtime, settings, wav, BENDS.subList(0, 1));
        System.out.printf(Locale.ROOT, "load average after: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.deleteIfExists(wav);
    }

    private static void run(String label, Path model, RuntimeOptions runtime, LiveSettings settings, Path wav,
            List<String> bends) throws Exception {
        RealTimeClock clock = new RealTimeClock();
        LiveReport report;
        if (inlineJpeg) {
            FrameSink jpeg = frame -> JpegFrames.encode(frame.image()); // on the loop's thread
            try (LiveLoop live = new LiveLoop(StableDiffusion.open(model, runtime), settings, clock,
                    FileInput.open(wav, 44100), new MidiKnobs(), jpeg, null, "3D mesh geometry", bends)) {
                report = live.run();
            }
            System.out.printf(Locale.ROOT, "%-28s %s%n", label, report.summary());
            return;
        }
        // As the live page does it: the JPEG on its own thread; latency measured when the JPEG is ready.
        List<Double> toJpeg = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        JpegEncoder jpeg = new JpegEncoder("bench-jpeg", (frame, bytes, ms) -> toJpeg.add(clock.now()
                - frame.dueSeconds()));
        try (LiveLoop live = new LiveLoop(StableDiffusion.open(model, runtime), settings, clock,
                FileInput.open(wav, 44100), new MidiKnobs(), jpeg, null, "3D mesh geometry", bends)) {
            report = live.run();
        } finally {
            jpeg.close();
        }
        double[] latencies;
        synchronized (toJpeg) {
            latencies = toJpeg.stream().mapToDouble(Double::doubleValue).toArray();
        }
        LiveReport sent = new LiveReport(latencies.length, 0, report.seconds(), latencies, report.stageMillis(),
                report.ended());
        System.out.printf(Locale.ROOT, "%-28s %s%n%-28s JPEG off the loop: %.1f ms each, %d of %d dropped; frames"
                + " out %.1f fps, audio-to-JPEG latency p50 %.0f ms, p95 %.0f ms%n", label, report.summary(), "",
                jpeg.meanEncodeMillis(), jpeg.framesDropped(), report.rendered(), sent.fps(), sent.latency(0.5) * 1000,
                sent.latency(0.95) * 1000);
    }

    /** Drums-like: a kick every half second over a chord whose loudness swells, and some noise. */
    private static Path track(Path file, double seconds) throws IOException {
        int rate = 44100;
        int n = (int) (seconds * rate);
        ByteBuffer bytes = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Random noise = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double beat = t % 0.5;
            double kick = Math.exp(-beat * 20) * Math.sin(2 * Math.PI * 60 * beat);
            double chord = (0.2 + 0.15 * Math.sin(2 * Math.PI * t / 4)) * (Math.sin(2 * Math.PI * 220 * t)
                    + Math.sin(2 * Math.PI * 277 * t) + Math.sin(2 * Math.PI * 330 * t)) / 3;
            double s = 0.5 * kick + chord + 0.03 * (noise.nextDouble() * 2 - 1);
            bytes.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
