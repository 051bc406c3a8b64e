package org.netbend.farm;

import java.io.Serializable;

/**
 * How a job runs, as opposed to what it renders ({@link JobRequest}): none of this changes a frame.
 *
 * @param store       a folder or {@code s3://bucket/prefix}
 * @param parallelism render slots
 * @param force       re-render frames that are already in the store
 * @param device      ONNX Runtime device: cpu, cuda or cuda:N
 * @param threads     intra-op threads per slot (0 = cores / parallelism)
 * @param batchSize   frames per U-Net call for txt2img
 * @param cacheDir    where models are kept (the toy model is generated there)
 */
public record RunOptions(String store, int parallelism, boolean force, String device, int threads, int batchSize,
        String cacheDir) implements Serializable {
    public RunOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
        }
    }

    /** Threads for each slot's ONNX Runtime session. */
    public int threadsPerSlot() {
        if (threads > 0) {
            return threads;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / parallelism);
    }
}
