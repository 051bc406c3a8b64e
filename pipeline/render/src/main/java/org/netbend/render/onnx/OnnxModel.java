package org.netbend.render.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.render.RenderException;
import org.netbend.render.RuntimeOptions;

/**
 * One ONNX model in an ONNX Runtime session (the runtime DJL's OnnxRuntime engine ships and loads). Inputs and
 * outputs are read from the model, and values are converted to and from the declared element types here, so a
 * float16 export runs with the same calling code as a float32 one.
 *
 * <p>Why the session API and not DJL's NDArray: DJL 0.36's ONNX Runtime NDArrays cannot hold float16
 * (OrtUtils rejects it), and the pipeline needs the declared input dtypes (timestep, input_ids), which DJL's
 * {@code describeInput} does not expose. Not thread-safe for concurrent {@link #run}s of one instance only in
 * the sense that callers must not share input arrays; ONNX Runtime sessions themselves allow concurrent runs.
 */
public final class OnnxModel implements AutoCloseable {
    private final String label;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;

    private OnnxModel(String label, OrtEnvironment env, OrtSession session) throws OrtException {
        this.label = label;
        this.env = env;
        this.session = session;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
    }

    /** Opens {@code file}, naming it {@code label} in errors ("unet", "vae_decoder" ...). */
    public static OnnxModel open(Path file, String label, RuntimeOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new RenderException(label + " model file not found: " + file);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = sessionOptions(options)) {
            OrtSession session = env.createSession(file.toString(), so);
            try {
                return new OnnxModel(label, env, session);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new RenderException("cannot load the " + label + " model " + file + ": " + e.getMessage(), e);
        }
    }

    static OrtSession.SessionOptions sessionOptions(RuntimeOptions options) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        try {
            if (options.intraOpThreads() > 0) {
                so.setIntraOpNumThreads(options.intraOpThreads());
            }
            so.setCPUArenaAllocator(options.memoryArena());
            so.setOptimizationLevel(switch (options.optimizationLevel()) {
                case "none" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                default -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
            if (options.isCuda()) {
                if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                    throw new RenderException("device " + options.device() + " was requested, but this ONNX Runtime"
                            + " build has no CUDA execution provider (available: "
                            + OrtEnvironment.getAvailableProviders() + "). Use the GPU worker image (onnxruntime_gpu)"
                            + " or run with device cpu.");
                }
                try {
                    so.addCUDA(options.cudaDeviceId());
                } catch (OrtException e) {
                    throw new RenderException("device " + options.device() + " was requested, but CUDA could not be"
                            + " initialised (no GPU visible, or a driver/CUDA mismatch): " + e.getMessage(), e);
                }
            }
            return so;
        } catch (RuntimeException | OrtException e) {
            so.close();
            throw e;
        }
    }

    public String label() { return label; }

    public Map<String, TensorSpec> inputs() { return inputs; }

    public Map<String, TensorSpec> outputs() { return outputs; }

    /** The declared input, or an error naming what the model has instead. */
    public TensorSpec input(String name) {
        TensorSpec spec = inputs.get(name);
        if (spec == null) {
            throw new RenderException("the " + label + " model has no input '" + name + "'; its inputs are "
                    + inputs.values());
        }
        return spec;
    }

    public TensorSpec output(String name) {
        TensorSpec spec = outputs.get(name);
        if (spec == null) {
            throw new RenderException("the " + label + " model has no output '" + name + "'; its outputs are "
                    + outputs.values());
        }
        return spec;
    }

    /** Runs the model and returns the named output as floats (with its shape). */
    public Tensor run(Map<String, Tensor> feed, String outputName) {
        output(outputName);
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : feed.entrySet()) {
                tensors.put(e.getKey(), toOnnx(input(e.getKey()), e.getValue()));
            }
            try (OrtSession.Result result = session.run(tensors, java.util.Set.of(outputName))) {
                OnnxValue value = result.get(outputName).orElseThrow();
                return fromOnnx((OnnxTensor) value);
            }
        } catch (OrtException e) {
            throw new RenderException("the " + label + " model failed: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /** Runs the model once and returns several outputs (e.g. a U-Net's captured site activations). */
    public Map<String, Tensor> runAll(Map<String, Tensor> feed, List<String> outputNames) {
        outputNames.forEach(this::output);
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : feed.entrySet()) {
                tensors.put(e.getKey(), toOnnx(input(e.getKey()), e.getValue()));
            }
            try (OrtSession.Result result = session.run(tensors, new java.util.LinkedHashSet<>(outputNames))) {
                Map<String, Tensor> values = new LinkedHashMap<>();
                for (String name : outputNames) {
                    values.put(name, fromOnnx((OnnxTensor) result.get(name).orElseThrow()));
                }
                return values;
            }
        } catch (OrtException e) {
            throw new RenderException("the " + label + " model failed: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor toOnnx(TensorSpec spec, Tensor value) throws OrtException {
        long[] shape = value.shape();
        switch (spec.type()) {
            case FLOAT32 -> {
                return OnnxTensor.createTensor(env, FloatBuffer.wrap(asFloats(value)), shape);
            }
            case FLOAT16 -> {
                float[] f = asFloats(value);
                ShortBuffer half = ByteBuffer.allocateDirect(f.length * 2).order(ByteOrder.nativeOrder()).asShortBuffer();
                for (float v : f) {
                    half.put(Fp16Conversions.floatToFp16(v));
                }
                half.rewind();
                return OnnxTensor.createTensor(env, half, shape, OnnxJavaType.FLOAT16);
            }
            case FLOAT64 -> {
                float[] f = asFloats(value);
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                return OnnxTensor.createTensor(env, java.nio.DoubleBuffer.wrap(d), shape);
            }
            case INT64 -> {
                return OnnxTensor.createTensor(env, LongBuffer.wrap(asLongs(spec, value)), shape);
            }
            case INT32 -> {
                long[] l = asLongs(spec, value);
                int[] ints = new int[l.length];
                for (int i = 0; i < l.length; i++) {
                    ints[i] = Math.toIntExact(l[i]);
                }
                return OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
            }
            default -> throw new RenderException("the " + label + " model's input " + spec + " has an element type"
                    + " netbend cannot feed");
        }
    }

    private static float[] asFloats(Tensor value) {
        if (value.isFloat()) {
            return value.floats();
        }
        float[] f = new float[value.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = value.longs()[i];
        }
        return f;
    }

    private long[] asLongs(TensorSpec spec, Tensor value) {
        if (!value.isFloat()) {
            return value.longs();
        }
        throw new RenderException("the " + label + " model's input " + spec + " is an integer tensor; got floats");
    }

    private Tensor fromOnnx(OnnxTensor tensor) {
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        float[] values;
        switch (info.type) {
            case FLOAT -> {
                FloatBuffer b = tensor.getFloatBuffer();
                values = new float[b.remaining()];
                b.get(values);
            }
            case FLOAT16 -> {
                ShortBuffer b = tensor.getShortBuffer();
                values = new float[b.remaining()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Fp16Conversions.fp16ToFloat(b.get(i));
                }
            }
            case DOUBLE -> {
                java.nio.DoubleBuffer b = tensor.getDoubleBuffer();
                values = new float[b.remaining()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) b.get(i);
                }
            }
            default -> throw new RenderException("the " + label + " model returned " + info.type
                    + " values; netbend reads float, float16 or double outputs");
        }
        return Tensor.floats(values, shape);
    }

    private static Map<String, TensorSpec> specs(Map<String, NodeInfo> infos) {
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t) {
                specs.put(e.getKey(), new TensorSpec(e.getKey(), ElementType.of(t.type), t.getShape()));
            } else {
                specs.put(e.getKey(), new TensorSpec(e.getKey(), ElementType.OTHER, new long[0]));
            }
        }
        return java.util.Collections.unmodifiableMap(specs);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new RenderException("closing the " + label + " model failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        List<TensorSpec> all = new ArrayList<>(inputs.values());
        return label + " " + all + " -> " + outputs.values();
    }
}
