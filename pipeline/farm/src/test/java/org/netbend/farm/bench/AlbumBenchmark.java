package org.netbend.farm.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.netbend.assemble.FFmpegLogging;
import org.netbend.core.PngCodec;
import org.netbend.core.RgbImage;
import org.netbend.farm.FrameGenerator;
import org.netbend.farm.GeneratorFactory;
import org.netbend.farm.LocalRender;
import org.netbend.farm.RunOptions;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.job.NoiseWalk;
import org.netbend.job.RequestBuilder;
import org.netbend.render.FrameRequest;
import org.netbend.store.LocalStore;

/**
 * A simulated album through the whole topology: PLAN on a synthesised quiet track, RENDER with a fake renderer
 * that costs about 1 ms per frame (it waits, as a slot waits for its GPU) and makes 16x16 frames, the real local
 * store, real H.264 chunks, real concatenation and AAC mux. Prints the farm's overhead per frame, the scale-out
 * from 1 to 2 slots and the peak heap at two frame counts.
 *
 * <pre>
 * cd pipeline/farm
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.netbend.farm.bench.AlbumBenchmark [72000 18000 200]
 * </pre>
 * ({@code exec:java} cannot be used: Flink's job submission does not see exec's isolated class loader.)
 * Arguments: frames of the album (72,000 = 60 min at 20 fps), a smaller frame count for the heap comparison,
 * frames per segment.
 */
public final class AlbumBenchmark {
    private static final double FPS = 20;
    private static final long COST_NANOS = 1_000_000;
    /** Nanoseconds the fake renderer spent, over all slots of the current run. */
    public static final AtomicLong RENDER_NANOS = new AtomicLong();
    /** When the fake renderer was first called and last returned, in the current run (System.nanoTime). */
    public static final AtomicLong FIRST_RENDER = new AtomicLong(Long.MAX_VALUE);
    public static final AtomicLong LAST_RENDER = new AtomicLong(Long.MIN_VALUE);

    private AlbumBenchmark() { }

    public static void main(String[] args) throws Exception {
        int album = args.length > 0 ? Integer.parseInt(args[0]) : 72_000;
        int small = args.length > 1 ? Integer.parseInt(args[1]) : 18_000;
        int segmentLength = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        FFmpegLogging.errorsOnly();
        Path root = Files.createDirectories(Path.of("target", "album-bench"));
        System.out.printf(Locale.ROOT, "album benchmark: %d frames (%.0f min at %.0f fps), segments of %d, fake renderer %.1f ms/frame, %d cores, max heap %d MiB%n",
                album, album / FPS / 60, FPS, segmentLength, COST_NANOS / 1e6,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        measureStorePuts(root.resolve("put-test"));
        Run warm = run(root, Math.min(small, 2_000), segmentLength, 2, "warm-up");
        Run one = run(root, album, segmentLength, 1, "album p=1");
        Run two = run(root, album, segmentLength, 2, "album p=2");
        Run smaller = run(root, small, segmentLength, 2, "small p=2");

        System.out.println();
        System.out.printf(Locale.ROOT, "farm overhead per frame (p=1): %.3f ms in all (wall - renderer), of which "
                + "%.3f ms while the slot renders (first to last frame, minus the renderer) and %.1f s fixed (start, "
                + "PLAN before the first segment, the last segment's end, assembly); goal <= 0.1 ms%n",
                (one.wallNanos - one.renderNanos) / 1e6 / one.frames,
                (one.renderSpanNanos - one.renderNanos) / 1e6 / one.frames,
                (one.wallNanos - one.renderSpanNanos) / 1e9);
        System.out.printf(Locale.ROOT, "scale-out 1 -> 2 slots: %.2fx, efficiency %.0f %%  (goal >= 90 %%); while "
                + "the slots render (first to last frame): %.2fx%n",
                (double) one.wallNanos / two.wallNanos, 100.0 * one.wallNanos / (2.0 * two.wallNanos),
                (double) one.renderSpanNanos / two.renderSpanNanos);
        System.out.printf(Locale.ROOT, "peak heap: %d frames %d MiB (live after GC %d MiB); %d frames %d MiB (live after GC %d MiB)%n",
                smaller.frames, smaller.peakHeap >> 20, smaller.peakLive >> 20, two.frames, two.peakHeap >> 20,
                two.peakLive >> 20);
        System.out.println("(warm-up run: " + warm.frames + " frames, not counted)");
    }

    private record Run(int frames, long wallNanos, long renderNanos, long renderSpanNanos, long peakHeap,
            long peakLive) { }

    private static Run run(Path root, int frames, int segmentLength, int slots, String label) throws Exception {
        Path dir = root.resolve(label.replace(' ', '-').replace("=", ""));
        deleteTree(dir);
        Path audio = quietTrack(Files.createDirectories(dir).resolve("album.wav"), frames / FPS);
        Path storeDir = dir.resolve("store");
        JobRequest request;
        try (LocalStore store = new LocalStore(storeDir)) {
            store.putFile("audio/album.wav", audio);
            request = new RequestBuilder().audio("audio/album.wav", "album.wav").model("fake").prompt("benchmark")
                    .fps(FPS).steps(1).guidance(1.0).seed(1).size("16x16").chainOverlap(0).walk(NoiseWalk.INDEPENDENT)
                    .walkLength(0).walkWeight(0).walkFrames(1).segmentLength(segmentLength).build();
        }
        Files.delete(audio);
        RunOptions options = new RunOptions(storeDir.toString(), slots, false, "cpu", 1, 1,
                dir.resolve("cache").toString());
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(slots, conf);

        System.gc();
        List<MemoryPoolMXBean> heap = heapPools();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        HeapWatch watch = new HeapWatch(heap);
        watch.start();
        RENDER_NANOS.set(0);
        FIRST_RENDER.set(Long.MAX_VALUE);
        LAST_RENDER.set(Long.MIN_VALUE);
        long[] firstEvent = {0};
        long start = System.nanoTime();
        JobEvent done = LocalRender.runOn(env, request, options, new FakeRenderer(), event -> {
            if (firstEvent[0] == 0) {
                firstEvent[0] = System.nanoTime();
            }
        });
        long wall = System.nanoTime() - start;
        watch.stop = true;
        watch.join();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long[] stages = done.stageNanos();
        System.out.printf(Locale.ROOT, "%-10s %6d frames, %d slot(s): wall %.1f s = %.3f ms/frame; fake renderer %.1f s"
                        + " (first to last frame %.1f s);"
                        + " until first segment %.1f s; slot time/frame: png %.3f, store %.3f, chunk %.3f ms;"
                        + " assembly %.1f s; peak heap %d MiB, live after GC %d MiB; load average %.1f%n",
                label, frames, slots, wall / 1e9, wall / 1e6 / frames, RENDER_NANOS.get() / 1e9,
                (LAST_RENDER.get() - FIRST_RENDER.get()) / 1e9, (firstEvent[0] - start) / 1e9,
                stages[JobEvent.Stage.PNG.ordinal()] / 1e6 / frames, stages[JobEvent.Stage.STORE.ordinal()] / 1e6 / frames,
                stages[JobEvent.Stage.CHUNK_ENCODE.ordinal()] / 1e6 / frames,
                stages[JobEvent.Stage.ASSEMBLE.ordinal()] / 1e9, peak >> 20, watch.maxLive >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        deleteTree(dir);
        // Wall time the renderer's waits account for on the critical path: its total over the slots.
        return new Run(frames, wall, RENDER_NANOS.get() / slots, LAST_RENDER.get() - FIRST_RENDER.get(), peak,
                watch.maxLive);
    }

    /** Cost of one small put into the local store (write, fsync, atomic rename). */
    private static void measureStorePuts(Path dir) throws IOException {
        deleteTree(dir);
        byte[] png = PngCodec.encode(new RgbImage(16, 16, new byte[16 * 16 * 3]));
        try (LocalStore store = new LocalStore(dir)) {
            int n = 2_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                store.put(String.format(Locale.ROOT, "frames/%06d.png", i), png);
            }
            long put = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Files.write(dir.resolve(String.format(Locale.ROOT, "plain-%06d.png", i)), png);
            }
            long plain = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "local store put of a %d-byte PNG: %.3f ms (a plain write without fsync/rename: %.3f ms)%n",
                    png.length, put / 1e6 / n, plain / 1e6 / n);
        }
        deleteTree(dir);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool);
            }
        }
        return pools;
    }

    /** Samples the heap that survives collections (what the run holds on to, not garbage awaiting collection). */
    private static final class HeapWatch extends Thread {
        private final List<MemoryPoolMXBean> pools;
        volatile boolean stop;
        volatile long maxLive;

        HeapWatch(List<MemoryPoolMXBean> pools) {
            this.pools = pools;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                long live = 0;
                for (MemoryPoolMXBean pool : pools) {
                    if (pool.getCollectionUsage() != null) {
                        live += pool.getCollectionUsage().getUsed();
                    }
                }
                maxLive = Math.max(maxLive, live);
                LockSupport.parkNanos(50_000_000);
            }
        }
    }

    /** A 16x16 renderer that waits about 1 ms per frame, as a slot waits for its GPU, and draws the frame index. */
    public static final class FakeRenderer implements GeneratorFactory {
        @Override
        public FrameGenerator open(String model, RunOptions options, String device) {
            return new FrameGenerator() {
                @Override public int defaultWidth() { return 16; }

                @Override public int defaultHeight() { return 16; }

                @Override
                public List<RgbImage> generate(List<FrameRequest> requests) {
                    long start = System.nanoTime();
                    List<RgbImage> images = new ArrayList<>(requests.size());
                    for (FrameRequest r : requests) {
                        long deadline = System.nanoTime() + COST_NANOS;
                        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                            LockSupport.parkNanos(left);
                        }
                        byte[] pixels = new byte[r.width() * r.height() * 3];
                        for (int i = 0; i < pixels.length; i++) {
                            pixels[i] = (byte) (r.frameIndex() * 7 + i);
                        }
                        images.add(new RgbImage(r.width(), r.height(), pixels));
                    }
                    long end = System.nanoTime();
                    RENDER_NANOS.addAndGet(end - start);
                    FIRST_RENDER.accumulateAndGet(start, Math::min);
                    LAST_RENDER.accumulateAndGet(end, Math::max);
                    return images;
                }

                @Override public void drainTimings(long[] stageNanos) { }

                @Override public void close() { }
            };
        }
    }

    /** Quiet noise at 8 kHz mono: small to store, cheap to analyse and to encode, and not digital silence. */
    public static Path quietTrack(Path file, double seconds) throws IOException {
        int rate = 8000;
        long samples = (long) Math.ceil(seconds * rate);
        long dataBytes = samples * 2;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            header.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes())
                    .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                    .putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                    .put("data".getBytes()).putInt((int) dataBytes);
            out.write(header.array());
            long state = 12345;
            byte[] block = new byte[8192];
            for (long i = 0; i < samples; ) {
                int n = (int) Math.min(block.length / 2, samples - i);
                for (int k = 0; k < n; k++) {
                    state = state * 6364136223846793005L + 1442695040888963407L;
                    short s = (short) ((state >>> 48) % 200 - 100); // about -50 dBFS
                    block[2 * k] = (byte) s;
                    block[2 * k + 1] = (byte) (s >> 8);
                }
                out.write(block, 0, 2 * n);
                i += n;
            }
        }
        return file;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
