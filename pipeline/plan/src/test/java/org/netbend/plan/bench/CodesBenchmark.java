package org.netbend.plan.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netbend.core.EncoderSpec;
import org.netbend.plan.AudioCodes;

/**
 * Fit time and memory of the audio encoders: pca(8) and autoencoder(8) on one track and on an album (its frames
 * concatenated), music-like audio synthesised as {@link AnalysisBenchmark} does. Times the log-mel pass (decode and
 * one FFT per frame) and the fit apart; memory is the heap's peak during the fit over the heap before it, and the
 * process's resident high-water mark (VmHWM, which includes libtorch). Figures only: `./netbend bench codes
 * [TRACK_MINUTES ALBUM_TRACKS ALBUM_TRACK_MINUTES]`, defaults 5, 10 and 5.
 */
public final class CodesBenchmark {
    private static final double FPS = 20;

    private CodesBenchmark() { }

    public static void main(String[] args) throws Exception {
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        int trackMinutes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int albumTracks = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int albumMinutes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("netbend-codes");
        try {
            Path track = AnalysisBenchmark.synthesise(dir.resolve("track.wav"), trackMinutes * 60);
            List<Path> album = new ArrayList<>();
            for (int i = 0; i < albumTracks; i++) {
                album.add(i == 0 && albumMinutes == trackMinutes ? track
                        : AnalysisBenchmark.synthesise(dir.resolve("album-" + i + ".wav"), albumMinutes * 60));
            }
            long start = System.nanoTime();
            float[][] trackFrames = AudioCodes.logMelFrames(track, FPS);
            double trackMelSeconds = seconds(start);
            List<float[]> albumList = new ArrayList<>();
            start = System.nanoTime();
            for (Path file : album) {
                albumList.addAll(List.of(AudioCodes.logMelFrames(file, FPS)));
            }
            double albumMelSeconds = seconds(start);
            float[][] albumFrames = albumList.toArray(new float[0][]);
            System.out.printf(Locale.ROOT, "log-mel pass (decode + FFT, 20 fps): %d-min track %.1f s (%d frames),"
                    + " %d x %d-min album %.1f s (%d frames)%n", trackMinutes, trackMelSeconds, trackFrames.length,
                    albumTracks, albumMinutes, albumMelSeconds, albumFrames.length);
            System.out.printf(Locale.ROOT, "%-18s %-22s %10s %14s %12s%n", "encoder", "fitted on", "fit s",
                    "heap peak MiB", "RSS HWM MiB");
            for (String spec : List.of("pca(8)", "autoencoder(8)")) {
                fit(spec, trackMinutes + "-min track", trackFrames);
                fit(spec, albumTracks + " x " + albumMinutes + "-min album", albumFrames);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static void fit(String spec, String on, float[][] frames) throws Exception {
        System.gc();
        long before = heapUsed();
        resetPeaks();
        long start = System.nanoTime();
        AudioCodes.fit(EncoderSpec.parse(spec), frames);
        double fitSeconds = seconds(start);
        long peak = heapPeak();
        System.out.printf(Locale.ROOT, "%-18s %-22s %10.2f %14.1f %12.0f%n", spec, on, fitSeconds,
                Math.max(0, peak - before) / 1048576.0, residentHighWater() / 1024.0);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** VmHWM of /proc/self/status in KiB (0 where there is none). */
    private static long residentHighWater() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
