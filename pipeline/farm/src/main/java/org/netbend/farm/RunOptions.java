package org.netbend.farm;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.netbend.job.JobRequest;
import org.netbend.store.ObjectStore;
import org.netbend.store.StoreException;
import org.netbend.store.Stores;

/**
 * How a job runs, as opposed to what it renders ({@link JobRequest}): none of this changes a frame.
 *
 * @param store         a folder or {@code s3://bucket/prefix}
 * @param parallelism   render slots
 * @param force         re-render frames that are already in the store
 * @param device        ONNX Runtime device: cpu, cuda or cuda:N
 * @param threads       intra-op threads per slot (0 = cores / parallelism)
 * @param batchSize     frames per U-Net call for txt2img
 * @param cacheDir      where models are kept (the toy model is generated there)
 * @param storeSettings S3 settings ({@code NETBEND_S3_ENDPOINT}, {@code AWS_ACCESS_KEY_ID}, ...; see
 *                      {@code S3Settings.fromUri}) that override the environment of the process that opens the
 *                      store. Empty means "the task's own environment", which is right on a cluster where the
 *                      secrets are mounted on the workers. The values are never printed ({@link #toString()}).
 * @param keepFrames    store every frame as PNG ({@code --frames png}, the default); without ({@code --frames
 *                      none}) a segment's chunk is its only record, and a job resumes per segment, not per frame
 */
public record RunOptions(String store, int parallelism, boolean force, String device, int threads, int batchSize,
        String cacheDir, Map<String, String> storeSettings, boolean keepFrames) implements Serializable {
    public RunOptions {
        if (store == null || store.isBlank()) {
            throw new IllegalArgumentException("--store is missing: give a folder or s3://bucket/prefix");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
        }
        // Map.copyOf is serialisable, rejects null keys and values, and cannot be changed behind our back.
        storeSettings = storeSettings == null ? Map.of() : Map.copyOf(storeSettings);
    }

    /** Options whose store settings come from the environment of whoever opens the store. */
    public RunOptions(String store, int parallelism, boolean force, String device, int threads, int batchSize,
            String cacheDir) {
        this(store, parallelism, force, device, threads, batchSize, cacheDir, Map.of(), true);
    }

    public RunOptions(String store, int parallelism, boolean force, String device, int threads, int batchSize,
            String cacheDir, Map<String, String> storeSettings) {
        this(store, parallelism, force, device, threads, batchSize, cacheDir, storeSettings, true);
    }

    /** The same options keeping every frame as PNG (true) or only the segments' chunks (false). */
    public RunOptions withKeepFrames(boolean keep) {
        return new RunOptions(store, parallelism, force, device, threads, batchSize, cacheDir, storeSettings, keep);
    }

    /** The same options with S3 settings shipped to every stage (e.g. a test's S3 server, or a client's config). */
    public RunOptions withStoreSettings(Map<String, String> settings) {
        return new RunOptions(store, parallelism, force, device, threads, batchSize, cacheDir, settings, keepFrames);
    }

    public RunOptions withParallelism(int slots) {
        return new RunOptions(store, slots, force, device, threads, batchSize, cacheDir, storeSettings, keepFrames);
    }

    public RunOptions withForce(boolean again) {
        return new RunOptions(store, parallelism, again, device, threads, batchSize, cacheDir, storeSettings, keepFrames);
    }

    /** Opens the store: the process environment, overridden by {@link #storeSettings()}. */
    public ObjectStore openStore() throws StoreException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(storeSettings);
        return Stores.open(store, env);
    }

    /** Threads for each slot's ONNX Runtime session. */
    public int threadsPerSlot() {
        if (threads > 0) {
            return threads;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / parallelism);
    }

    /** Never prints the store settings' values: they may hold a secret key. */
    @Override
    public String toString() {
        return "RunOptions[store=" + store + ", parallelism=" + parallelism + ", force=" + force + ", device=" + device
                + ", threads=" + threads + ", batchSize=" + batchSize + ", cacheDir=" + cacheDir + ", keepFrames=" + keepFrames
                + ", storeSettings=" + storeSettings.keySet().stream().sorted().toList() + " (values hidden)]";
    }
}
