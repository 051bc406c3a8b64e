package org.netbend.score.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.netbend.assemble.ChunkEncoder;
import org.netbend.assemble.VideoSettings;
import org.netbend.core.RgbImage;
import org.netbend.score.Flicker;
import org.netbend.score.FrameChanges;
import org.netbend.score.OnsetsSeen;
import org.netbend.score.Reactivity;
import org.netbend.score.SceneCuts;

/**
 * What scoring costs per minute of video: encodes SECONDS (60) of a SIZE x SIZE (512) pattern that moves and
 * brightens with a known track at 20 fps, then times the measuring (decode, shrink, SSIM, optical flow) and the
 * statistics. Arguments: [SECONDS] [SIZE].
 */
public final class ScoreBenchmark {
    private static final double FPS = 20;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int frames = (int) Math.round(seconds * FPS);
        Path dir = Files.createTempDirectory("score-bench-");
        Path video = dir.resolve("video.mp4");
        double[] track = new double[frames];
        long encodeStart = System.nanoTime();
        try (ChunkEncoder encoder = new ChunkEncoder(video, size, size, new VideoSettings(FPS, 18, "ultrafast", 40))) {
            for (int t = 0; t < frames; t++) {
                track[t] = Math.abs(Math.sin(t * 0.05)) * (t % 7 == 0 ? 2 : 1);
                encoder.add(pattern(size, track[t] * 8));
            }
        }
        System.out.printf(Locale.ROOT, "encoded %d frames of %dx%d in %.1f s%n", frames, size, size,
                (System.nanoTime() - encodeStart) / 1e9);
        FrameChanges.measure(video, FrameChanges.DEFAULT_MAX_SIDE); // warm-up: native libraries, JIT
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        FrameChanges changes = FrameChanges.measure(video, FrameChanges.DEFAULT_MAX_SIDE);
        double measured = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9; // OpenCV runs on this thread only
        long statsStart = System.nanoTime();
        Reactivity value = Reactivity.best(changes.change(), track, 5);
        Reactivity step = Reactivity.best(changes.change(), Reactivity.steps(track), 5);
        OnsetsSeen seen = OnsetsSeen.of(changes.change(), new int[] {7, 14, 21});
        Flicker flicker = Flicker.of(changes.change(), List.of(track), FPS);
        int cuts = SceneCuts.of(changes.change()).length;
        double stats = (System.nanoTime() - statsStart) / 1e9;
        double perMinute = (measured + stats) * 60 / seconds;
        System.out.printf(Locale.ROOT, "measure %.2f s (%.2f ms a frame), statistics %.3f s; score per minute of "
                + "%dx%d video: %.1f s (%.2fx real time)%n", measured, measured * 1000 / frames, stats, size, size,
                perMinute, perMinute / 60);
        System.out.printf(Locale.ROOT, "CPU time of the measuring thread: %.2f s (%.2f ms a frame), %.1f s per minute"
                + " of video; load average now %.1f%n", cpu, cpu * 1000 / frames, cpu * 60 / seconds,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "(value r %.2f, step r %.2f, %d peaks, flicker %.2f, %d cuts)%n",
                value.correlation(), step.correlation(), seen.peaks().length, flicker.fraction(), cuts);
        Files.delete(video);
        Files.delete(dir);
    }

    private static RgbImage pattern(int size, double shift) {
        byte[] pixels = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = (int) (128 + 90 * Math.sin((x + shift) * 0.08) * Math.cos(y * 0.05));
                int i = (y * size + x) * 3;
                pixels[i] = (byte) v;
                pixels[i + 1] = (byte) (v / 2 + 40);
                pixels[i + 2] = (byte) (255 - v);
            }
        }
        return new RgbImage(size, size, pixels);
    }
}
