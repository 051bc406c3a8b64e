package org.netbend.render.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.netbend.render.FrameRequest;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.StageTimings;
import org.netbend.render.StageTimings.Stage;
import org.netbend.render.toy.ToyExport;
import org.netbend.render.toy.ToyModelGenerator;
import org.netbend.render.toy.ToyModelSpec;

/**
 * Seconds per frame of the samplers real models use, on the compute-heavy toy U-Net (64 channels x 5 conv
 * layers, about 20 ms per batch-2 step on one core here): DDIM 50 and DPM-Solver++ 2M 20 with CFG 7.5 (U-Net
 * batch 2), LCM 4 steps (guidance as timestep_cond, batch 1), SD-turbo 1 step (Euler trailing, no CFG), and the
 * share of each frame spent outside the U-Net (text encoder, scheduler, bends, VAE decode, noise draws).
 *
 * <pre>mvn -q -o -pl pipeline/render test-compile exec:java@samplers -Dexec.args="--frames 3 --threads 1"</pre>
 * Options: --frames N (after one warm-up), --threads N, --size PX, --heavy CHANNELSxLAYERS, --cache DIR
 * (--steps is ignored: each case has its own).
 */
public final class SamplerBenchmark {
    private SamplerBenchmark() { }

    private record Case(String name, ToyExport export, String scheduler, int steps, double guidance) { }

    public static void main(String[] args) throws IOException {
        BenchOptions o = BenchOptions.parse(args, 3);
        int frames = o.frames();
        int threads = o.threads();
        int size = o.size();
        String heavy = o.heavy();
        Path cache = o.cache();
        ToyModelSpec spec = ToyModelSpec.DEFAULT.withHeavyUnet(o.heavyChannels(), o.heavyLayers());
        List<Case> cases = List.of(
                new Case("DDIM 50, CFG 7.5", ToyExport.SD_V1, "ddim", 50, 7.5),
                new Case("DPM-Solver++ 2M 20, CFG 7.5", ToyExport.SD_V1, "dpm++2m", 20, 7.5),
                new Case("DPM-Solver++ 2M Karras 20, CFG 7.5", ToyExport.SD_V1, "dpm++2m-karras", 20, 7.5),
                new Case("LCM 4 (guidance embedded)", ToyExport.lcm(), "lcm", 4, 8.5),
                new Case("SD-turbo 1 (Euler trailing, no CFG)", ToyExport.turbo(), "euler", 1, 0),
                new Case("SD-turbo 4 (Euler trailing, no CFG)", ToyExport.turbo(), "euler", 4, 0));
        System.out.printf(Locale.ROOT, "netbend sampler benchmark: toy heavy U-Net %s, %dx%d, %d frames each, %s intra-op"
                + " thread(s), %d cores visible%n%n", heavy, size, size, frames,
                threads == 0 ? "default" : String.valueOf(threads), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  %-38s %9s %9s %12s %14s%n", "sampler", "s/frame", "U-Net s", "U-Net ms/call",
                "outside U-Net");
        for (Case c : cases) {
            Path dir = cache.resolve(spec.folderName() + c.export().folderSuffix());
            if (!Files.isRegularFile(dir.resolve("model_index.json"))) {
                ToyModelGenerator.generate(spec, c.export(), dir);
            }
            try (StableDiffusion sd = StableDiffusion.open(dir, RuntimeOptions.cpu().withThreads(threads))) {
                FrameRequest.Builder base = FrameRequest.builder("warm up").scheduler(c.scheduler()).steps(c.steps())
                        .guidance(c.guidance()).size(size, size);
                sd.generate(base.build());
                sd.timings().reset();
                long start = System.nanoTime();
                for (int f = 0; f < frames; f++) {
                    sd.generate(base.prompt(org.netbend.render.PromptMix.of("a photo of frame " + f)).seed(f)
                            .frameIndex(f).build());
                }
                double seconds = (System.nanoTime() - start) / 1e9 / frames;
                StageTimings.Total unet = sd.timings().total(Stage.UNET);
                double unetSeconds = unet.nanos() / 1e9 / frames;
                System.out.printf(Locale.ROOT, "  %-38s %9.3f %9.3f %12.2f %13.1f%%%n", c.name(), seconds, unetSeconds,
                        unet.millisPerCall(), 100 * (1 - unetSeconds / seconds));
            }
        }
    }
}
