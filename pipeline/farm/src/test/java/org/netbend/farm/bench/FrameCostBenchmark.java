package org.netbend.farm.bench;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.netbend.assemble.ChunkEncoder;
import org.netbend.assemble.FFmpegLogging;
import org.netbend.assemble.VideoSettings;
import org.netbend.core.PngCodec;
import org.netbend.core.PngWriter;
import org.netbend.core.RgbImage;
import org.netbend.render.DownloadListener;
import org.netbend.render.FrameRequest;
import org.netbend.render.ModelResolver;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.toy.ToyModelSpec;
import org.netbend.store.LocalStore;

/**
 * What the farm does to each frame besides the model, per 512x512 frame on one thread, beside references run on
 * the same frames in the same run: PNG (ImageIO's writer as before; {@link PngWriter} with each filter; zlib
 * alone on the same filtered bytes at the same level, which no PNG writer can beat), the local store's put
 * with and without a flush per object, and the H.264 chunk at several x264 presets (crf 18). Frames are the toy
 * model's at 1 Euler step without guidance (SD-turbo's recipe); every PNG is decoded back and compared pixel for
 * pixel. Arguments: [frames (30)] [store folder (a temporary one; give one on the disk the store lives on)].
 *
 * <pre>./netbend bench frames [30 [DIR]]</pre>
 */
public final class FrameCostBenchmark {
    private static final int SIZE = 512;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FrameCostBenchmark() { }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = args.length > 1 ? Files.createDirectories(Path.of(args[1]))
                : Files.createTempDirectory("netbend-frame-bench");
        FFmpegLogging.errorsOnly();
        System.out.printf(Locale.ROOT, "netbend frame cost: %d toy frames %dx%d (euler, 1 step, guidance 0), one "
                + "thread; ms per frame as wall / thread CPU%n", count, SIZE, SIZE);
        List<RgbImage> frames = render(count);
        try {
            png(frames);
            store(frames, dir);
            chunks(frames, dir);
        } finally {
            deleteTree(dir.resolve("bench"));
        }
    }

    private static List<RgbImage> render(int count) throws IOException {
        Path toy = new ModelResolver(Path.of("target", "bench-models"), DownloadListener.SILENT).toy(ToyModelSpec.DEFAULT);
        List<RgbImage> frames = new ArrayList<>();
        try (StableDiffusion sd = StableDiffusion.open(toy, RuntimeOptions.cpu().withThreads(1))) {
            FrameRequest.Builder base = FrameRequest.builder("3d mesh geometry").scheduler("euler").steps(1)
                    .guidance(0).size(SIZE, SIZE);
            sd.generate(base.build()); // warm-up
            sd.timings().reset();
            long start = System.nanoTime();
            for (int f = 0; f < count; f++) {
                frames.add(sd.generate(base.seed(46).frameIndex(f).build()));
            }
            System.out.printf(Locale.ROOT, "  model (toy, 1 thread)                %7.2f ms%n",
                    (System.nanoTime() - start) / 1e6 / count);
        }
        return frames;
    }

    private static void png(List<RgbImage> frames) {
        System.out.println("PNG encode (each checked: decodes to the frame's pixels)");
        measurePng("ImageIO, quality 0.9, per-row filters (before)", frames, FrameCostBenchmark::imageIo);
        for (PngWriter.Filter filter : PngWriter.Filter.values()) {
            PngWriter writer = new PngWriter(filter, Deflater.BEST_SPEED);
            measurePng("PngWriter " + filter.name().toLowerCase(Locale.ROOT) + ", level 1"
                    + (filter == PngWriter.FAST.filter() ? " (after)" : ""), frames, writer::encode);
        }
        // the reference: zlib alone on the bytes PngWriter.FAST deflates, at its level
        List<byte[]> filtered = frames.stream().map(f -> PngWriter.filtered(f, PngWriter.FAST.filter())).toList();
        Deflater deflater = new Deflater(PngWriter.FAST.level());
        byte[] out = new byte[SIZE * SIZE * 4];
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        long bytes = 0;
        for (int round = 0; round < 3; round++) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            bytes = 0;
            for (byte[] rows : filtered) {
                deflater.reset();
                deflater.setInput(rows);
                deflater.finish();
                while (!deflater.finished()) {
                    bytes += deflater.deflate(out);
                }
            }
            best[0] = Math.min(best[0], (System.nanoTime() - wall) / 1e6 / filtered.size());
            best[1] = Math.min(best[1], (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / filtered.size());
        }
        deflater.end();
        System.out.printf(Locale.ROOT, "  %-50s %7.2f / %5.2f ms  %6.1f KiB (reference)%n",
                "zlib level " + PngWriter.FAST.level() + " alone, same filtered bytes", best[0], best[1],
                bytes / 1024.0 / filtered.size());
    }

    private static void measurePng(String name, List<RgbImage> frames, Function<RgbImage, byte[]> encoder) {
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        long bytes = 0;
        List<byte[]> encoded = new ArrayList<>();
        for (int round = 0; round < 3; round++) { // best of 3: the machine is shared
            encoded.clear();
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (RgbImage frame : frames) {
                encoded.add(encoder.apply(frame));
            }
            best[0] = Math.min(best[0], (System.nanoTime() - wall) / 1e6 / frames.size());
            best[1] = Math.min(best[1], (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / frames.size());
        }
        for (int i = 0; i < frames.size(); i++) {
            bytes += encoded.get(i).length;
            if (!Arrays.equals(frames.get(i).pixels(), PngCodec.decode(encoded.get(i)).pixels())) {
                throw new IllegalStateException(name + ": frame " + i + " does not decode to its pixels");
            }
        }
        System.out.printf(Locale.ROOT, "  %-50s %7.2f / %5.2f ms  %6.1f KiB%n", name, best[0], best[1],
                bytes / 1024.0 / frames.size());
    }

    private static void store(List<RgbImage> frames, Path dir) throws IOException {
        List<byte[]> pngs = frames.stream().map(PngCodec::encode).toList();
        System.out.println("store put of the PNG (local store in " + dir + ")");
        String[] ways = {"flush (fsync) per object (before)", "no flush per object, one sync for all (after)",
            "no flush at all (NETBEND_LOCAL_STORE_SYNC=false)"};
        for (int way = 0; way < ways.length; way++) {
            LocalStore store = new LocalStore(dir.resolve("bench").resolve("way-" + way), way != 2);
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < pngs.size(); i++) {
                String key = String.format(Locale.ROOT, "jobs/bench/frames/%06d.png", i);
                if (way == 0) {
                    store.put(key, pngs.get(i));
                } else {
                    store.putUnsynced(key, pngs.get(i));
                }
            }
            store.sync(); // what a segment's end does
            System.out.printf(Locale.ROOT, "  %-50s %7.2f / %5.2f ms%n", ways[way],
                    (System.nanoTime() - wall) / 1e6 / pngs.size(),
                    (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / pngs.size());
        }
    }

    private static void chunks(List<RgbImage> frames, Path dir) throws IOException {
        System.out.println("H.264 chunk, crf 18 (wall: x264 runs threads of its own)");
        Path chunk = dir.resolve("bench").resolve("chunk.mp4");
        for (String preset : List.of("medium", "faster", "veryfast", "superfast", "ultrafast")) {
            VideoSettings settings = new VideoSettings(20, 18, preset, 40);
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 2; round++) {
                long wall = System.nanoTime();
                try (ChunkEncoder encoder = new ChunkEncoder(chunk, SIZE, SIZE, settings)) {
                    for (RgbImage frame : frames) {
                        encoder.add(frame);
                    }
                }
                best = Math.min(best, (System.nanoTime() - wall) / 1e6 / frames.size());
            }
            System.out.printf(Locale.ROOT, "  preset %-43s %7.2f ms          %6.1f KiB a frame%n", preset, best,
                    Files.size(chunk) / 1024.0 / frames.size());
        }
    }

    /** The PNG writer the farm used before PngWriter: ImageIO, BGR raster, compression quality 0.9. */
    private static byte[] imageIo(RgbImage image) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) buffered.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.pixels();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(rgb.length / 2);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(buffered, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
