package org.netbend.render.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netbend.bend.BendProgram;
import org.netbend.core.KeyedRandom;
import org.netbend.core.LatentBender;
import org.netbend.render.DownloadListener;
import org.netbend.render.FrameRequest;
import org.netbend.render.ModelResolver;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.StageTimings.Stage;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.site.SiteFeeder;
import org.netbend.render.site.SiteGraphRewriter;
import org.netbend.render.site.SiteModels;
import org.netbend.render.toy.ToyModelSpec;

/**
 * U-Net time per step with no site bent, one site and three sites bent at every step, on the toy and on the
 * compute-heavy toy U-Net. Configurations are interleaved frame by frame (so load from other processes hits
 * them alike) and the median frame's ms/step is printed. Then the U-Net call alone (one CFG batch of 2, the
 * session the sampler would run, its site inputs fed) in thread CPU time: with one intra-op thread ONNX Runtime
 * runs on the calling thread, so this figure does not count time spent waiting for a core on a loaded machine.
 * Run ({@code ./netbend bench sites ...} does the same):
 * <pre>mvn -q -o -pl pipeline/render test-compile exec:java -Dexec.mainClass=org.netbend.render.bench.SiteBenchmark
 *     -Dexec.args="--rounds 7 --steps 20 --threads 1"</pre>
 */
public final class SiteBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SiteBenchmark() { }

    public static void main(String[] args) throws Exception {
        int rounds = 7;
        int steps = 20;
        int threads = 1;
        String heavy = "64x5";
        Path cache = Path.of("target", "bench-models");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--heavy" -> heavy = args[++i];
                case "--cache" -> cache = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --rounds --steps --threads --heavy --cache)");
            }
        }
        Map<String, BendProgram> configs = new LinkedHashMap<>();
        configs.put("unbent", null);
        configs.put("1 site (multiply@every/mid)", BendProgram.parse("multiply@every/mid=1.5"));
        configs.put("3 sites (+ rotate-r1 down.0, add region up.2)", BendProgram.parse("multiply@every/mid=1.5",
                "rotate-r1@every/down.0=0.5", "add@every/up.2:region(0,0,0.5,1,0.1)=0.3"));
        configs.put("1 site (dilate(3)@every/mid)", BendProgram.parse("dilate(3)@every/mid"));
        configs.put("3 sites (threshold up.2, dilate(3) mid, normalize down.0)", BendProgram.parse(
                "threshold@every/up.2=0.2", "dilate(3)@every/mid", "normalize@every/down.0"));
        String[] hl = heavy.split("x");
        ModelResolver resolver = new ModelResolver(cache, DownloadListener.SILENT);
        RuntimeOptions options = RuntimeOptions.cpu().withThreads(threads);
        System.out.printf(Locale.ROOT, "site benchmark: %d rounds x %d steps, 512x512, CFG 7.5 (U-Net batch 2), "
                + "%d intra-op thread(s), %d cores visible, load average %s%n", rounds, steps, threads,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        run("toy", resolver.toy(ToyModelSpec.DEFAULT), options, configs, rounds, steps);
        run("toy-heavy-unet " + heavy, resolver.toy(ToyModelSpec.DEFAULT.withHeavyUnet(Integer.parseInt(hl[0]),
                Integer.parseInt(hl[1]))), options, configs, rounds, steps);
        System.out.printf(Locale.ROOT, "%nload average at the end: %s%n", loadAverage());
    }

    /** The 1, 5 and 15 minute load averages (Linux), so the figures can be read against the machine's load. */
    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * One pipeline per configuration: a slot keeps at most three rewritten sessions, so five configurations
     * sharing one pipeline would rebuild a session on every frame (a slot renders one job's edits at a time).
     */
    private static void run(String name, Path dir, RuntimeOptions options, Map<String, BendProgram> configs,
            int rounds, int steps) {
        Map<String, StableDiffusion> pipelines = new LinkedHashMap<>();
        try {
            for (String config : configs.keySet()) {
                pipelines.put(config, StableDiffusion.open(dir, options));
            }
            StableDiffusion sd = pipelines.get("unbent");
            Map<String, List<Double>> perStep = new LinkedHashMap<>();
            configs.keySet().forEach(k -> perStep.put(k, new ArrayList<>()));
            for (int round = -1; round < rounds; round++) { // round -1 warms up (and builds the rewritten sessions)
                for (Map.Entry<String, BendProgram> config : configs.entrySet()) {
                    BendProgram program = config.getValue();
                    LatentBender bender = program == null ? LatentBender.NONE
                            : program.forFrame(1, round + 1, program.constantParameters());
                    StableDiffusion pipeline = pipelines.get(config.getKey());
                    pipeline.timings().reset();
                    pipeline.generate(FrameRequest.builder("3D mesh geometry").steps(steps).seed(1)
                            .frameIndex(round + 1).bender(bender).build());
                    if (round >= 0) {
                        perStep.get(config.getKey()).add(pipeline.timings().total(Stage.UNET).millisPerCall());
                    }
                }
            }
            Map<String, Double> cpu = callCpu(sd, configs, rounds);
            System.out.printf(Locale.ROOT, "%n%s%n  %-58s %14s %10s %14s %13s %10s%n", name, "configuration",
                    "U-Net ms/step", "vs unbent", "p10..p90 ms", "call CPU ms", "vs unbent");
            double base = median(perStep.get("unbent"));
            perStep.forEach((config, values) -> {
                double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "  %-58s %14.3f %9.2fx %6.3f..%.3f %13.3f %9.2fx%n", config,
                        median(values), median(values) / base, sorted[(int) (0.1 * (sorted.length - 1))],
                        sorted[(int) Math.ceil(0.9 * (sorted.length - 1))], cpu.get(config),
                        cpu.get(config) / cpu.get("unbent"));
            });
        } finally {
            pipelines.values().forEach(StableDiffusion::close);
        }
    }

    /**
     * Thread CPU ms of one U-Net call per configuration (median over {@code 4 * rounds} calls, interleaved):
     * unbent runs a session of the original graph, bent ones the rewritten session with their inputs fed.
     */
    private static Map<String, Double> callCpu(StableDiffusion sd, Map<String, BendProgram> configs, int rounds) {
        SiteModels sites = sd.siteModels();
        Map<String, Tensor> base = callFeed(sd);
        Map<String, List<Double>> perCall = new LinkedHashMap<>();
        Map<String, Map<String, Tensor>> feeds = new LinkedHashMap<>();
        Map<String, OnnxModel> models = new LinkedHashMap<>();
        try {
            configs.forEach((config, program) -> {
                Map<String, Tensor> feed = new LinkedHashMap<>(base);
                if (program == null) {
                    models.put(config, sites.openRewritten(sites.sites().model(), "unbent U-Net"));
                } else {
                    SiteFeeder feeder = SiteFeeder.of(List.of(program.forFrame(1, 0, program.constantParameters())),
                            true);
                    models.put(config, sites.openRewritten(SiteGraphRewriter.withEdits(sites.sites(), feeder.edits(),
                            sites.channels()), config));
                    feeder.feed(feed, 0, 1);
                }
                feeds.put(config, feed);
                perCall.put(config, new ArrayList<>());
            });
            for (int call = -2; call < 4 * rounds; call++) { // two calls per configuration warm up
                for (String config : configs.keySet()) {
                    long start = CPU.getCurrentThreadCpuTime();
                    models.get(config).run(feeds.get(config), "out_sample");
                    if (call >= 0) {
                        perCall.get(config).add((CPU.getCurrentThreadCpuTime() - start) / 1e6);
                    }
                }
            }
        } finally {
            models.values().forEach(OnnxModel::close);
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        perCall.forEach((config, values) -> medians.put(config, median(values)));
        return medians;
    }

    /** One CFG batch (2 rows) at 512x512: noise, a mid timestep, the prompt's embedding in both rows. */
    private static Map<String, Tensor> callFeed(StableDiffusion sd) {
        Map<String, Tensor> probe = sd.probeFeed(512, 512);
        long[] shape = probe.get("sample").shape();
        int plane = (int) (shape[1] * shape[2] * shape[3]);
        float[] sample = new float[2 * plane];
        KeyedRandom random = KeyedRandom.of(1, 0, "site-benchmark");
        for (int i = 0; i < sample.length; i++) {
            sample[i] = (float) random.nextGaussian();
        }
        float[] text = sd.embedding("3D mesh geometry");
        float[] texts = new float[2 * text.length];
        System.arraycopy(text, 0, texts, 0, text.length);
        System.arraycopy(text, 0, texts, text.length, text.length);
        Map<String, Tensor> feed = new LinkedHashMap<>();
        feed.put("sample", Tensor.floats(sample, 2, shape[1], shape[2], shape[3]));
        long[] timestep = probe.get("timestep").shape();
        feed.put("timestep", timestep.length == 0 ? Tensor.longs(new long[] {501})
                : Tensor.longs(new long[] {501, 501}, 2));
        long[] textShape = probe.get("encoder_hidden_states").shape();
        feed.put("encoder_hidden_states", Tensor.floats(texts, 2, textShape[1], textShape[2]));
        return feed;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
