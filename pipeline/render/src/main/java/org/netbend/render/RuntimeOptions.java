package org.netbend.render;

import java.util.Locale;

/**
 * ONNX Runtime session settings for every model of a pipeline.
 *
 * @param device            {@code "cpu"}, {@code "cuda"} (device 0) or {@code "cuda:N"}
 * @param intraOpThreads    threads inside one operator; 0 lets ONNX Runtime choose (all cores)
 * @param memoryArena       ONNX Runtime's CPU memory arena (faster repeated runs, holds memory)
 * @param optimizationLevel graph optimisation: {@code "none"}, {@code "basic"}, {@code "extended"}, {@code "all"}
 */
public record RuntimeOptions(String device, int intraOpThreads, boolean memoryArena, String optimizationLevel) {

    public RuntimeOptions {
        device = device == null ? "cpu" : device.trim().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.matches("cuda(:\\d+)?")) {
            throw new IllegalArgumentException("device must be cpu, cuda or cuda:N, got '" + device + "'");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = ONNX Runtime's default), got "
                    + intraOpThreads);
        }
        optimizationLevel = optimizationLevel == null ? "all" : optimizationLevel.trim().toLowerCase(Locale.ROOT);
        if (!java.util.List.of("none", "basic", "extended", "all").contains(optimizationLevel)) {
            throw new IllegalArgumentException("optimizationLevel must be none, basic, extended or all, got '"
                    + optimizationLevel + "'");
        }
    }

    /** CPU, ONNX Runtime's thread default, arena on, all graph optimisations. */
    public static RuntimeOptions cpu() {
        return new RuntimeOptions("cpu", 0, true, "all");
    }

    public RuntimeOptions withThreads(int threads) {
        return new RuntimeOptions(device, threads, memoryArena, optimizationLevel);
    }

    public RuntimeOptions withDevice(String newDevice) {
        return new RuntimeOptions(newDevice, intraOpThreads, memoryArena, optimizationLevel);
    }

    public boolean isCuda() { return device.startsWith("cuda"); }

    /** The CUDA device index; 0 for plain {@code "cuda"}. */
    public int cudaDeviceId() {
        int colon = device.indexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(device.substring(colon + 1));
    }
}
