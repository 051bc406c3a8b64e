package org.netbend.farm.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.netbend.assemble.FFmpegLogging;
import org.netbend.farm.LocalProgress;
import org.netbend.farm.LocalRender;
import org.netbend.farm.RunOptions;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.job.RequestBuilder;
import org.netbend.job.SamplerName;
import org.netbend.render.DownloadListener;
import org.netbend.render.ModelResolver;
import org.netbend.render.toy.ToyModelSpec;
import org.netbend.store.LocalStore;

/**
 * Few-step renders through the whole farm (one slot, 512x512, Euler without guidance, PNG frames kept): the toy
 * model at 1 step and the compute-heavy toy U-Net (64 channels, 5 layers) at 1 and 4 steps. Prints frames per
 * second per slot while the slot renders (first to last frame, so start-up, PLAN and assembly are not in it),
 * the model's time per frame (text, U-Net, scheduler, VAE decode, on the render thread), the share of the
 * slot's wall time outside the model, the pool threads' time per frame (PNG, store, chunk), and CPU per frame:
 * the process's, the render thread's (the model, plus handing each frame on) and the share outside it, which
 * the machine's load disturbs least. Each line carries the load average: the wall figures follow it.
 *
 * <pre>./netbend bench steps [FRAMES (40)]</pre>
 */
public final class FewStepBenchmark {
    private FewStepBenchmark() { }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        FFmpegLogging.errorsOnly();
        Path root = Files.createDirectories(Path.of("target", "few-step-bench"));
        ModelResolver resolver = new ModelResolver(Path.of("target", "bench-models"), DownloadListener.SILENT);
        Path toy = resolver.toy(ToyModelSpec.DEFAULT);
        Path heavy = resolver.toy(ToyModelSpec.DEFAULT.withHeavyUnet(64, 5));
        System.out.printf(Locale.ROOT, "few-step renders: %d frames 512x512 per run, 1 slot, euler, guidance 0, "
                + "frames kept as PNG, %d cores%n", frames, Runtime.getRuntime().availableProcessors());
        run(root, "warm-up (toy, 1 step)", toy, 1, Math.min(frames, 10));
        run(root, "toy, 1 step", toy, 1, frames);
        run(root, "heavy U-Net, 1 step", heavy, 1, frames);
        run(root, "heavy U-Net, 4 steps", heavy, 4, frames);
    }

    private static void run(Path root, String label, Path model, int steps, int frames) throws Exception {
        Path dir = root.resolve(label.replaceAll("[^a-z0-9]+", "-"));
        AlbumBenchmark.deleteTree(dir);
        Path audio = AlbumBenchmark.quietTrack(Files.createDirectories(dir).resolve("track.wav"), frames / 20.0);
        Path storeDir = dir.resolve("store");
        JobRequest request;
        try (LocalStore store = new LocalStore(storeDir)) {
            store.putFile("audio/track.wav", audio);
            request = new RequestBuilder().audio("audio/track.wav", "track.wav").model(model.toString())
                    .prompt("3D mesh geometry").fps(20).size("512x512").steps(steps).guidance(0)
                    .scheduler(SamplerName.EULER).seed(46).segmentLength(20).build();
        }
        RunOptions options = new RunOptions(storeDir.toString(), 1, false, "cpu", 1, 1, dir.resolve("cache").toString());
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicLong cpuAtFirst = new AtomicLong();
        AtomicLong cpuAtLast = new AtomicLong();
        AtomicLong modelCpuAtFirst = new AtomicLong();
        AtomicLong modelCpuAtLast = new AtomicLong();
        AtomicInteger seen = new AtomicInteger();
        JobEvent done;
        try (AutoCloseable live = LocalProgress.subscribe(request.jobId(), event -> {
            if (event.kind() == JobEvent.Kind.FRAME && !event.resumed()) {
                long now = System.nanoTime();
                if (seen.getAndIncrement() == 0) {
                    first.set(now);
                    cpuAtFirst.set(processCpu());
                    modelCpuAtFirst.set(renderThreadCpu());
                }
                last.set(now);
                cpuAtLast.set(processCpu());
                modelCpuAtLast.set(renderThreadCpu());
            }
        })) {
            done = LocalRender.runOn(env, request, options, e -> { });
        }
        long[] stage = done.stageNanos();
        double modelMs = (stage[JobEvent.Stage.TEXT.ordinal()] + stage[JobEvent.Stage.UNET.ordinal()]
                + stage[JobEvent.Stage.SCHEDULER.ordinal()] + stage[JobEvent.Stage.BEND.ordinal()]
                + stage[JobEvent.Stage.VAE_DECODE.ordinal()]) / 1e6 / frames;
        int intervals = seen.get() - 1; // frames between the first frame's event and the last one's
        double perFrame = (last.get() - first.get()) / 1e6 / intervals;
        double cpu = (cpuAtLast.get() - cpuAtFirst.get()) / 1e6 / intervals;
        double renderCpu = (modelCpuAtLast.get() - modelCpuAtFirst.get()) / 1e6 / intervals;
        System.out.printf(Locale.ROOT, "  %-22s %5.2f frames/s per slot (%.1f ms a frame); model %.1f ms a frame "
                + "(U-Net %.1f, scheduler %.1f, VAE decode %.1f); outside the model %.0f %% of the slot's time; pool "
                + "threads' time a frame: PNG %.1f, store %.1f, chunk %.1f ms; CPU a frame: process %.1f ms, render "
                + "thread %.1f ms, outside it %.0f %%; load average %.1f%n",
                label, 1000 / perFrame, perFrame, modelMs, stage[JobEvent.Stage.UNET.ordinal()] / 1e6 / frames,
                stage[JobEvent.Stage.SCHEDULER.ordinal()] / 1e6 / frames,
                stage[JobEvent.Stage.VAE_DECODE.ordinal()] / 1e6 / frames, 100 * Math.max(0, 1 - modelMs / perFrame),
                stage[JobEvent.Stage.PNG.ordinal()] / 1e6 / frames, stage[JobEvent.Stage.STORE.ordinal()] / 1e6 / frames,
                stage[JobEvent.Stage.CHUNK_ENCODE.ordinal()] / 1e6 / frames, cpu, renderCpu,
                100 * Math.max(0, 1 - renderCpu / cpu),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        AlbumBenchmark.deleteTree(dir);
    }

    /** CPU time of the slots' render threads: the model, and handing each frame to the pool. */
    private static long renderThreadCpu() {
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("netbend-render-slot-")) {
                total += Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
