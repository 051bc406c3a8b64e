package org.netbend.farm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netbend.farm.JobPlanner;
import org.netbend.farm.Segment;
import org.netbend.job.JobRequest;
import org.netbend.job.NoiseWalk;
import org.netbend.job.RequestBuilder;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/**
 * PLAN alone ({@link JobPlanner#plan}) on the album benchmark's quiet track, without Flink: wall time, peak heap,
 * the heap its segments hold (bytes per frame) and the size of features.json, for a job without bends and one
 * with a bend, at several lengths. Run from pipeline/farm with the classpath of the album benchmark (README):
 * <pre>java -Xmx1g -cp ... org.netbend.farm.bench.PlanBenchmark [15,60]</pre>
 */
public final class PlanBenchmark {
    private static final double FPS = 20;
    private static final List<List<String>> BENDS = List.of(List.of(), List.of("rotate-r1@40=rms[0..2pi]|median(5)"));

    private PlanBenchmark() { }

    public static void main(String[] args) throws Exception {
        org.netbend.assemble.FFmpegLogging.errorsOnly(); // no FFmpeg console lines
        String[] minutes = (args.length > 0 ? args[0] : "15,60").split(",");
        Path root = Files.createDirectories(Path.of("target", "plan-bench"));
        run(root, 1, List.of(), true); // warm-up: JIT, FFmpeg and JFreeChart loading
        for (String m : minutes) {
            for (List<String> bends : BENDS) {
                run(root, Double.parseDouble(m), bends, false);
            }
        }
        AlbumBenchmark.deleteTree(root);
    }

    private static void run(Path root, double minutes, List<String> bends, boolean quiet) throws Exception {
        Path dir = root.resolve("plan-" + minutes);
        AlbumBenchmark.deleteTree(dir);
        Path audio = AlbumBenchmark.quietTrack(Files.createDirectories(dir).resolve("album.wav"), minutes * 60);
        try (LocalStore store = new LocalStore(dir.resolve("store"))) {
            store.putFile("audio/album.wav", audio);
            Files.delete(audio);
            JobRequest request = new RequestBuilder().audio("audio/album.wav", "album.wav").model("fake")
                    .prompt("benchmark").bends(bends).fps(FPS).guidance(1.0).seed(1).size("16x16").chainOverlap(0)
                    .walk(NoiseWalk.INDEPENDENT).walkLength(0).walkWeight(0).walkFrames(1).segmentLength(200).build();
            List<MemoryPoolMXBean> heap = new ArrayList<>();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heap.add(pool);
                }
            }
            long before = settledHeap();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            List<Segment> segments = new JobPlanner(store, dir.resolve("work")).plan(request);
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long held = settledHeap() - before;
            int frames = segments.get(0).totalFrames();
            long json = store.get(new JobKeys(request.jobId()).features()).orElseThrow().length;
            if (!quiet) {
                System.out.printf(Locale.ROOT, "%4.0f min, %6d frames, %-40s PLAN %6.1f s = %.3f ms/frame; peak heap %4d MiB;"
                                + " segments hold %5.1f MiB = %3.0f B/frame; features.json %5.1f MiB%n",
                        minutes, frames, bends.isEmpty() ? "no bend" : String.join(" ", bends), seconds,
                        seconds * 1e3 / frames, peak >> 20, held / 1048576.0, held / (double) frames,
                        json / 1048576.0);
            }
            segments.clear();
        }
        AlbumBenchmark.deleteTree(dir);
    }

    /** Heap in use once collections stop freeing anything (what is reachable). */
    private static long settledHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            Runtime r = Runtime.getRuntime();
            long now = r.totalMemory() - r.freeMemory();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
