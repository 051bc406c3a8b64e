package org.netbend.plan;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;
import org.netbend.core.EncoderSpec;

/**
 * Trains {@link AutoencoderEncoder} with DJL on its PyTorch engine (CPU, from the native jar on the class path):
 * Adam (learning rate 10⁻³), mean squared error, batches of 64 windows, about {@link #TARGET_STEPS} steps whatever
 * the length of the audio (whole epochs), batch order from a {@link SplittableRandom} of the seed, initial weights
 * (Xavier) from the engine's generator seeded with it.
 *
 * <p>Deterministic: the engine runs on one intra-op and one inter-op thread, and one training at a time holds the
 * engine (its random seed is global), so the same frames, spec and seed give the same weights bit for bit.
 * Nothing is downloaded: {@code ai.djl.offline} is set before the engine loads, and the native library comes from
 * the {@code pytorch-native-cpu} jar (extracted once into DJL's cache folder, {@code DJL_CACHE_DIR}).
 */
final class AutoencoderTrainer {
    static final int TARGET_STEPS = 1500;
    static final int BATCH = 64;
    private static final float LEARNING_RATE = 1e-3f;
    private static final Object ENGINE_LOCK = new Object();

    private AutoencoderTrainer() { }

    /** Loads DJL's PyTorch engine offline, single-threaded; an IllegalStateException naming the cause otherwise. */
    static Engine engine() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("the autoencoder needs DJL's PyTorch engine, which did not load offline ("
                    + e.getMessage() + "); use pca(D) instead", e);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static AutoencoderEncoder fit(EncoderSpec spec, float[][] logMel) {
        if (logMel.length < 1) {
            throw new IllegalArgumentException(spec + ": needs at least one frame of audio to fit");
        }
        int n = EncoderSpec.CONTEXT_FRAMES * logMel[0].length;
        float[][] windows = new float[logMel.length][n];
        for (int t = 0; t < logMel.length; t++) {
            AutoencoderEncoder.window(logMel, t, windows[t]);
        }
        float[] mean = new float[n];
        float[] scale = new float[n];
        normalisation(windows, mean, scale);
        for (float[] w : windows) {
            for (int i = 0; i < n; i++) {
                w[i] = (w[i] - mean[i]) / scale[i];
            }
        }
        synchronized (ENGINE_LOCK) {
            Engine engine = engine();
            engine.setRandomSeed((int) (spec.seed() ^ (spec.seed() >>> 32)));
            float[][][] layers = new float[4][][];
            float[][] biases = new float[4][];
            train(engine, spec, windows, layers, biases);
            AutoencoderEncoder trained = new AutoencoderEncoder(spec, mean, scale, layers, biases, 0);
            return new AutoencoderEncoder(spec, mean, scale, layers, biases, error(trained, windows));
        }
    }

    private static void train(Engine engine, EncoderSpec spec, float[][] windows, float[][][] layers,
            float[][] biases) {
        int n = windows[0].length;
        int frames = windows.length;
        int batches = (frames + BATCH - 1) / BATCH;
        int epochs = Math.max(1, (TARGET_STEPS + batches - 1) / batches);
        Linear[] linears = {
            Linear.builder().setUnits(AutoencoderEncoder.HIDDEN).build(),
            Linear.builder().setUnits(spec.dimensions()).build(),
            Linear.builder().setUnits(AutoencoderEncoder.HIDDEN).build(),
            Linear.builder().setUnits(n).build()};
        SequentialBlock net = new SequentialBlock().add(linears[0]).add(Activation::tanh).add(linears[1])
                .add(linears[2]).add(Activation::tanh).add(linears[3]);
        try (NDManager manager = NDManager.newBaseManager(engine.defaultDevice(), engine.getEngineName());
                Model model = Model.newInstance("netbend-audio-autoencoder", engine.getEngineName())) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build())
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                    .optDevices(new ai.djl.Device[] {engine.defaultDevice()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, n));
                SplittableRandom order = new SplittableRandom(spec.seed());
                int[] index = new int[frames];
                for (int epoch = 0; epoch < epochs; epoch++) {
                    shuffle(index, order);
                    for (int b = 0; b < batches; b++) {
                        int from = b * BATCH;
                        int to = Math.min(frames, from + BATCH);
                        float[] batch = new float[(to - from) * n];
                        for (int i = from; i < to; i++) {
                            System.arraycopy(windows[index[i]], 0, batch, (i - from) * n, n);
                        }
                        try (NDManager step = manager.newSubManager()) {
                            NDArray x = step.create(batch, new Shape(to - from, n));
                            try (GradientCollector gradients = trainer.newGradientCollector()) {
                                NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
                                gradients.backward(trainer.getLoss().evaluate(new NDList(x), new NDList(y)));
                            }
                            trainer.step();
                        }
                    }
                }
                for (int l = 0; l < 4; l++) {
                    layers[l] = matrix(linears[l]);
                    biases[l] = linears[l].getParameters().get("bias").getArray().toFloatArray();
                }
            }
        }
    }

    /** The Linear block's weight as [out][in]. */
    private static float[][] matrix(Block linear) {
        NDArray weight = linear.getParameters().get("weight").getArray();
        int out = (int) weight.getShape().get(0);
        int in = (int) weight.getShape().get(1);
        float[] flat = weight.toFloatArray();
        float[][] m = new float[out][in];
        for (int i = 0; i < out; i++) {
            System.arraycopy(flat, i * in, m[i], 0, in);
        }
        return m;
    }

    /** A fresh permutation of 0..n−1 each epoch (Fisher-Yates). */
    private static void shuffle(int[] index, SplittableRandom random) {
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        for (int i = index.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = index[i];
            index[i] = index[j];
            index[j] = swap;
        }
    }

    private static void normalisation(float[][] windows, float[] mean, float[] scale) {
        int n = mean.length;
        double[] sum = new double[n];
        double[] squares = new double[n];
        for (float[] w : windows) {
            for (int i = 0; i < n; i++) {
                sum[i] += w[i];
                squares[i] += (double) w[i] * w[i];
            }
        }
        for (int i = 0; i < n; i++) {
            double m = sum[i] / windows.length;
            double variance = Math.max(0, squares[i] / windows.length - m * m);
            mean[i] = (float) m;
            scale[i] = (float) Math.max(1e-3, Math.sqrt(variance));
        }
    }

    /** Mean of (û − u)² over the frames and values, through the Java forward pass. */
    private static double error(AutoencoderEncoder encoder, float[][] windows) {
        double sum = 0;
        for (float[] u : windows) {
            double[] back = encoder.decode(encoder.code(u));
            for (int i = 0; i < u.length; i++) {
                double d = back[i] - u[i];
                sum += d * d;
            }
        }
        return sum / ((double) windows.length * windows[0].length);
    }
}
