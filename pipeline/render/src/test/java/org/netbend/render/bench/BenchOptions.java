package org.netbend.render.bench;

import java.nio.file.Path;

/**
 * The command-line options the render benchmarks share.
 *
 * @param frames  measured frames per case, after one warm-up
 * @param steps   sampler steps (where a benchmark does not fix them per case)
 * @param threads ONNX Runtime intra-op threads; 0 = its default
 * @param size    square image size in pixels
 * @param heavy   the compute-heavy toy U-Net as CHANNELSxLAYERS
 * @param cache   where the toy models are generated
 */
record BenchOptions(int frames, int steps, int threads, int size, String heavy, Path cache) {
    static final String USAGE = "--frames --steps --threads --size --heavy CxL --cache";

    static BenchOptions parse(String[] args, int defaultFrames) {
        int frames = defaultFrames;
        int steps = 50;
        int threads = 1;
        int size = 512;
        String heavy = "64x5";
        Path cache = Path.of("target", "bench-models");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--heavy" -> heavy = args[++i];
                case "--cache" -> cache = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (options: " + USAGE + ")");
            }
        }
        return new BenchOptions(frames, steps, threads, size, heavy, cache);
    }

    int heavyChannels() { return Integer.parseInt(heavy.split("x")[0]); }

    int heavyLayers() { return Integer.parseInt(heavy.split("x")[1]); }
}
