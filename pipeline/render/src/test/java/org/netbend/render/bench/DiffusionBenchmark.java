package org.netbend.render.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.netbend.render.FrameRequest;
import org.netbend.render.ModelResolver;
import org.netbend.render.DownloadListener;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.StageTimings;
import org.netbend.render.StageTimings.Stage;
import org.netbend.render.toy.ToyModelSpec;

/**
 * Per-stage times of txt2img on the toy model and on the compute-heavy toy U-Net (same generator, plus a
 * convolution stack sized to about 20 ms per step on one core here).
 *
 * <pre>mvn -q -o -pl pipeline/render exec:java -Dexec.args="--frames 5 --steps 50 --threads 1"</pre>
 * Options: --frames N (measured frames per model, after one warm-up), --steps N, --threads N (ONNX Runtime
 * intra-op threads; 0 = its default), --size PX (square image), --heavy CHANNELSxLAYERS (default 64x5),
 * --cache DIR (where the toy models are generated; default target/bench-models).
 */
public final class DiffusionBenchmark {
    private DiffusionBenchmark() { }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args, 5);
        int frames = o.frames();
        int steps = o.steps();
        int threads = o.threads();
        int size = o.size();
        String heavy = o.heavy();
        Path cache = o.cache();
        ModelResolver resolver = new ModelResolver(cache, DownloadListener.SILENT);
        RuntimeOptions options = RuntimeOptions.cpu().withThreads(threads);
        System.out.printf(Locale.ROOT, "netbend diffusion benchmark: %d frames x %d steps, %dx%d, CFG 7.5, DDIM, "
                + "%s intra-op thread(s), %d cores visible%n", frames, steps, size, size,
                threads == 0 ? "default" : String.valueOf(threads), Runtime.getRuntime().availableProcessors());
        run("toy", resolver.toy(ToyModelSpec.DEFAULT), options, frames, steps, size);
        run("toy-heavy-unet " + heavy, resolver.toy(ToyModelSpec.DEFAULT.withHeavyUnet(o.heavyChannels(),
                o.heavyLayers())), options, frames, steps, size);
    }

    private static void run(String name, Path dir, RuntimeOptions options, int frames, int steps, int size) {
        try (StableDiffusion sd = StableDiffusion.open(dir, options)) {
            sd.generate(FrameRequest.builder("warm up").steps(steps).size(size, size).build());
            sd.timings().reset();
            long start = System.nanoTime();
            for (int f = 0; f < frames; f++) {
                // a new prompt per frame, so tokenizer and text encoder are measured too (not just the cache)
                sd.generate(FrameRequest.builder("a photo of frame " + f).steps(steps).size(size, size)
                        .seed(f).frameIndex(f).build());
            }
            double total = (System.nanoTime() - start) / 1e6;
            StageTimings t = sd.timings();
            System.out.printf(Locale.ROOT, "%n%s (%s)%n", name, sd.info().runtime());
            System.out.printf(Locale.ROOT, "  %-28s %10s %8s %12s%n", "stage", "total ms", "calls", "ms/call");
            for (Stage s : Stage.values()) {
                StageTimings.Total st = t.total(s);
                if (st.count() > 0) {
                    System.out.printf(Locale.ROOT, "  %-28s %10.1f %8d %12.3f%n", label(s), st.nanos() / 1e6,
                            st.count(), st.millisPerCall());
                }
            }
            System.out.printf(Locale.ROOT, "  %-28s %10.1f %8d %12.1f%n", "whole frame", total, frames, total / frames);
        }
    }

    private static String label(Stage s) {
        return switch (s) {
            case UNET -> "U-Net (per step, batch 2)";
            case SCHEDULER -> "scheduler + CFG (per step)";
            default -> s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
