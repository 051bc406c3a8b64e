package org.netbend.farm.bench;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
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
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
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
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

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
        System.out.println("H.264 chunk, crf 18, from the frames' RGB bytes (ChunkEncoder; x264 threads auto or 1); "
                + "quality of the decoded chunk against the frames, both in yuv420p: SSIM and PSNR of luma; "
                + "reference: x264 alone (same settings, 1 thread) fed frames already in yuv420p");
        Path work = Files.createDirectories(dir.resolve("bench"));
        Path chunk = work.resolve("chunk.mp4");
        List<Frame> yuv = frames.stream().map(FrameCostBenchmark::yuv420p).toList();
        for (String preset : List.of("medium", "faster", "veryfast", "superfast", "ultrafast")) {
            for (int threads : new int[] {0, 1}) {
                VideoSettings settings = new VideoSettings(20, 18, preset, 40).withThreads(threads);
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
                for (int round = 0; round < 2; round++) {
                    long wall = System.nanoTime();
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    long process = PROCESS.getProcessCpuTime();
                    try (ChunkEncoder encoder = new ChunkEncoder(chunk, SIZE, SIZE, settings)) {
                        for (RgbImage frame : frames) {
                            encoder.add(frame);
                        }
                    }
                    best[0] = Math.min(best[0], (System.nanoTime() - wall) / 1e6 / frames.size());
                    best[1] = Math.min(best[1], (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / frames.size());
                    best[2] = Math.min(best[2], (PROCESS.getProcessCpuTime() - process) / 1e6 / frames.size());
                }
                String extra = threads == 1
                        ? quality(chunk, yuv) + String.format(Locale.ROOT, "  x264 alone %5.2f ms CPU",
                                x264Alone(work.resolve("ref.mp4"), yuv, preset))
                        : "";
                System.out.printf(Locale.ROOT, "  %-9s threads %-4s %6.2f ms wall %6.2f thread CPU %6.2f process CPU"
                        + " %5.1f KiB%s%n", preset, threads == 0 ? "auto" : threads, best[0], best[1], best[2],
                        Files.size(chunk) / 1024.0 / frames.size(), extra);
            }
        }
        yuv.forEach(Frame::close);
    }

    /** The frame in yuv420p, converted by FFmpeg (swscale) as the encoder does. */
    private static Frame yuv420p(RgbImage image) {
        try (FFmpegFrameFilter filter = new FFmpegFrameFilter("format=yuv420p", SIZE, SIZE)) {
            filter.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            filter.start();
            Frame rgb = new Frame(SIZE, SIZE, Frame.DEPTH_UBYTE, 3, SIZE * 3);
            ((ByteBuffer) rgb.image[0]).put(0, image.pixels());
            filter.push(rgb, avutil.AV_PIX_FMT_RGB24);
            Frame out = filter.pullImage().clone();
            rgb.close();
            return out;
        } catch (FrameFilter.Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** x264's own cost: the same settings on one thread, fed yuv420p (no conversion, no copy): CPU per frame. */
    private static double x264Alone(Path out, List<Frame> yuv, String preset) throws IOException {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), SIZE, SIZE, 0);
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(20);
            recorder.setGopSize(40);
            recorder.setVideoOption("crf", "18");
            recorder.setVideoOption("preset", preset);
            recorder.setVideoOption("threads", "1");
            long process = PROCESS.getProcessCpuTime();
            recorder.start();
            for (Frame frame : yuv) {
                recorder.record(frame, avutil.AV_PIX_FMT_YUV420P);
            }
            recorder.stop();
            recorder.release();
            best = Math.min(best, (PROCESS.getProcessCpuTime() - process) / 1e6 / yuv.size());
        }
        return best;
    }

    /** SSIM (8x8 windows, every 4 pixels, as FFmpeg's ssim filter) and PSNR of the luma plane, over all frames. */
    private static String quality(Path chunk, List<Frame> reference) throws IOException {
        double ssim = 0;
        double squaredError = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(chunk.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            grabber.start();
            for (Frame expected : reference) {
                Frame decoded = grabber.grabImage();
                byte[] a = luma(expected);
                byte[] b = luma(decoded);
                for (int i = 0; i < a.length; i++) {
                    int d = (a[i] & 0xff) - (b[i] & 0xff);
                    squaredError += d * d;
                }
                ssim += ssim(a, b);
            }
        }
        double mse = squaredError / reference.size() / SIZE / SIZE;
        return String.format(Locale.ROOT, "  SSIM %.5f PSNR %.2f dB", ssim / reference.size(),
                10 * Math.log10(255.0 * 255.0 / mse));
    }

    private static byte[] luma(Frame frame) {
        byte[] y = new byte[SIZE * SIZE];
        ByteBuffer plane = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        for (int row = 0; row < SIZE; row++) {
            plane.get(row * stride, y, row * SIZE, SIZE);
        }
        return y;
    }

    private static double ssim(byte[] a, byte[] b) {
        final double c1 = 0.01 * 255 * 0.01 * 255;
        final double c2 = 0.03 * 255 * 0.03 * 255;
        double sum = 0;
        int windows = 0;
        for (int y = 0; y + 8 <= SIZE; y += 4) {
            for (int x = 0; x + 8 <= SIZE; x += 4) {
                double sa = 0;
                double sb = 0;
                double saa = 0;
                double sbb = 0;
                double sab = 0;
                for (int j = 0; j < 8; j++) {
                    for (int i = 0; i < 8; i++) {
                        int p = (y + j) * SIZE + x + i;
                        int va = a[p] & 0xff;
                        int vb = b[p] & 0xff;
                        sa += va;
                        sb += vb;
                        saa += va * va;
                        sbb += vb * vb;
                        sab += va * vb;
                    }
                }
                double ma = sa / 64;
                double mb = sb / 64;
                double va = saa / 64 - ma * ma;
                double vb = sbb / 64 - mb * mb;
                double cov = sab / 64 - ma * mb;
                sum += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                windows++;
            }
        }
        return sum / windows;
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
