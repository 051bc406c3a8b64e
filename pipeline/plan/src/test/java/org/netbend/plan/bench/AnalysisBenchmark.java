package org.netbend.plan.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netbend.core.FeatureNames;
import org.netbend.plan.AudioSources;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.netbend.core.KeyedRandom;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioDecoder;
import org.netbend.plan.AudioStream;
import org.netbend.plan.FeatureTrack;

/**
 * Analysis speed as a multiple of real time (paper six and the full set) and peak heap for a long file.
 *
 * <p>Synthesises a music-like signal (chords, kicks, noise hats at 120 BPM) into 16-bit 44.1 kHz mono wav
 * files in a temporary folder, then times {@link AudioAnalyzer#analyze} on one thread. Run from the repository
 * root:
 * <pre>mvn -q -o -pl pipeline/plan test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.netbend.plan.bench.AnalysisBenchmark [-Dexec.args="SPEED_SECONDS LONG_MINUTES"]</pre>
 * Defaults: 120 s for the speed runs, 20 minutes for the memory run. Figures only; nothing fails on time.
 */
public final class AnalysisBenchmark {
    private static final int SR = 44_100;
    /**
     * CPU time of the analysing thread (FFmpeg's decoding runs on it too): on a shared machine the wall time
     * measures the other builds as much as the analysis.
     */
    private static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private AnalysisBenchmark() { }

    public static void main(String[] args) throws Exception {
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR); // no FFmpeg console lines
        int speedSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int longMinutes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = Files.createTempDirectory("netbend-bench");
        try {
            Path shortFile = synthesise(dir.resolve("speed.wav"), speedSeconds);
            System.out.printf("java %s, %d cores available, max heap %d MiB%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            decodeOnly(shortFile, speedSeconds);
            speed("paper six", shortFile, AnalysisOptions.paperFeatures(20), speedSeconds);
            speed("full set ", shortFile, AnalysisOptions.defaults(20), speedSeconds);
            speed("onset stage (onsets, beats, tempo, beat_phase, since_*)", shortFile,
                    AnalysisOptions.defaults(20).withFeatures(ONSET_STAGE), speedSeconds);
            speed("harmonic/percussive split (rms, onset @harmonic, @percussive)", AudioSources.of(shortFile),
                    AnalysisOptions.defaults(20).withFeatures(Set.of("rms@harmonic", "onset@harmonic",
                            "rms@percussive", "onset@percussive")), speedSeconds);
            // One part alone: the split above costs one separation, not two, when it reads both parts.
            speed("harmonic part alone (rms, onset @harmonic)", AudioSources.of(shortFile),
                    AnalysisOptions.defaults(20).withFeatures(Set.of("rms@harmonic", "onset@harmonic")), speedSeconds);
            Files.delete(shortFile);

            Path longFile = synthesise(dir.resolve("long.wav"), longMinutes * 60);
            System.out.printf("long file: %d min, %d MiB on disk%n", longMinutes, Files.size(longFile) >> 20);
            memory("paper six", longFile, AnalysisOptions.paperFeatures(20), longMinutes * 60);
            memory("full set ", longFile, AnalysisOptions.defaults(20), longMinutes * 60);
            stems(dir, longFile, longMinutes * 60);
            Files.delete(longFile);
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /** What a bend on onsets or beats runs: the 2.9 ms onset hop, the beat tracker and the event clocks. */
    static final Set<String> ONSET_STAGE = Set.of("onset_strength", "onset", "onset_env", "beat", "tempo",
            "beat_phase", "since_onset", "since_beat");

    /** Per stem: level, onsets and bands (the analyze command's stem overview). */
    static final List<String> STEM_FEATURES = List.of("rms", "centroid", "flux", "onset", "onset_env", "low", "mid",
            "high");

    private static void speed(String label, Path file, AnalysisOptions options, double seconds) throws Exception {
        speed(label, AudioSources.of(file), options, seconds);
    }

    private static void speed(String label, AudioSources file, AnalysisOptions options, double seconds)
            throws Exception {
        AudioAnalyzer.analyze(file, options); // warm-up: JIT and native loading
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            FeatureTrack track = AudioAnalyzer.analyze(file, options);
            bestCpu = Math.min(bestCpu, (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            if (track.frameCount() != (int) Math.ceil(seconds * 20)) {
                throw new IllegalStateException("unexpected frame count " + track.frameCount());
            }
        }
        System.out.printf("%s: %.0f s of audio in %.3f s CPU = %.0fx real time on one core (wall %.3f s = %.0fx;"
                + " best of 3, one thread)%n", label, seconds, bestCpu, seconds / bestCpu, best, seconds / best);
    }

    /** The floor under every analysis: FFmpeg decoding and conversion to mono float alone. */
    private static void decodeOnly(Path file, double seconds) throws Exception {
        double best = Double.MAX_VALUE;
        float[] block = new float[8192];
        for (int run = 0; run < 4; run++) {
            long start = System.nanoTime();
            try (AudioStream stream = AudioDecoder.open(file, SR)) {
                while (stream.read(block) > 0) {
                    // decode only
                }
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("decode only: %.0f s of audio in %.3f s = %.0fx real time%n", seconds, best, seconds / best);
    }

    private static void memory(String label, Path file, AnalysisOptions options, double seconds) throws Exception {
        System.gc();
        long before = used();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        FeatureTrack track = AudioAnalyzer.analyze(file, options);
        double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double wall = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long output = (long) track.features().size() * track.frameCount() * 4;
        System.out.printf("%s: %d frames in %.1f s CPU (%.0fx on one core; wall %.1f s); peak heap %d MiB (%d MiB "
                + "in use before; the feature arrays themselves are %.1f MiB)%n", label, track.frameCount(), cpu, seconds / cpu, wall, peak >> 20,
                before >> 20, output / 1048576.0);
    }

    /**
     * A mix with three stems (chords, kick, hats) of the long file's length: the paper's six and the onset stage
     * on the mix, {@link #STEM_FEATURES} on each stem, all on the mix's frame clock.
     */
    private static void stems(Path dir, Path mix, int seconds) throws Exception {
        Map<String, Path> stems = new LinkedHashMap<>();
        for (String part : List.of("chords", "kick", "hats")) {
            stems.put(part, synthesise(dir.resolve(part + ".wav"), seconds, part));
        }
        Set<String> features = new LinkedHashSet<>(FeatureNames.PAPER);
        features.addAll(ONSET_STAGE);
        for (String stem : stems.keySet()) {
            for (String base : STEM_FEATURES) {
                features.add(base + "@" + stem);
            }
        }
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        FeatureTrack track = AudioAnalyzer.analyze(new AudioSources(mix, stems, null),
                AnalysisOptions.defaults(20).withFeatures(features));
        double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("mix + 3 stems (%d min): paper six + onset stage on the mix, %d features per stem: %d "
                + "features in %.1f s CPU = %.0fx real time on one core (wall %.1f s)%n", seconds / 60,
                STEM_FEATURES.size(), track.features().size(), cpu, seconds / cpu, wall);
        for (Path stem : stems.values()) {
            Files.delete(stem);
        }
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Chords, kick on every beat, hats on eighths at 120 BPM, streamed to disk block by block. */
    static Path synthesise(Path file, int seconds) throws Exception {
        return synthesise(file, seconds, "mix");
    }

    /** {@code part}: "mix" for all three, or "chords", "kick" or "hats" alone (the stems of the mix). */
    static Path synthesise(Path file, int seconds, String part) throws Exception {
        boolean mix = part.equals("mix");
        KeyedRandom random = KeyedRandom.of(1, 0, "bench-noise");
        double[] chord = {220, 277.18, 329.63};
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat("wav");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
            recorder.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            recorder.setSampleRate(SR);
            recorder.start();
            short[] block = new short[SR];
            for (int second = 0; second < seconds; second++) {
                for (int i = 0; i < SR; i++) {
                    double t = second + i / (double) SR;
                    double sinceBeat = t % 0.5;
                    double sinceEighth = t % 0.25;
                    double x = 0;
                    if (mix || part.equals("chords")) {
                        for (double f : chord) {
                            x += 0.08 * Math.sin(2 * Math.PI * f * t * (1 + 0.25 * ((int) (t / 4) % 2)));
                        }
                    }
                    if (mix || part.equals("kick")) {
                        x += 0.5 * Math.exp(-sinceBeat / 0.1) * Math.sin(2 * Math.PI * 60 * sinceBeat);
                    }
                    double noise = 2 * random.nextDouble() - 1; // drawn for every part: the same hats in each
                    if (mix || part.equals("hats")) {
                        x += 0.15 * Math.exp(-sinceEighth / 0.02) * noise;
                    }
                    block[i] = (short) Math.round(Math.max(-1, Math.min(1, x)) * 32767);
                }
                recorder.recordSamples(SR, 1, ShortBuffer.wrap(block));
            }
            recorder.stop();
        }
        return file;
    }
}
