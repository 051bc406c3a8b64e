package org.netbend.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import org.netbend.assemble.AacTrack;
import org.netbend.assemble.AssembleException;
import org.netbend.farm.LocalRender;
import org.netbend.plan.AudioInfo;
import org.netbend.store.ObjectStore;

/**
 * What render checks before the first frame, so that hours of rendering never end in a failure that could have
 * been seen at the start: the audio can be encoded to AAC, the frames fit in memory, the slots fit the local
 * cluster, and the store takes a write with the credentials given. (The output file and its folder are checked
 * by {@link OutputFiles}.)
 */
final class Preflight {
    /**
     * Native memory a frame needs while it is decoded, per pixel of the image. The toy model measured 9.7 GB for
     * one 8192x8192 frame (145 bytes a pixel); Stable Diffusion's VAE decoder holds about three float tensors of
     * 128 channels at full resolution in its last up block (1.5 kB a pixel).
     */
    static final long TOY_BYTES_PER_PIXEL = 150;
    static final long SD_BYTES_PER_PIXEL = 1536;
    /** The model's own size when --size is not given. */
    private static final int DEFAULT_SIDE = 512;

    private Preflight() { }

    /** The rate the audio is encoded at; refuses one AAC cannot be made from. */
    static void audio(AudioInfo info) {
        try {
            AacTrack.encodedRate(info.sampleRate());
        } catch (AssembleException e) {
            throw new UserError(info.file() + ": " + e.getMessage());
        }
    }

    /** Refuses frames that cannot fit in the memory this machine has free, naming both figures. */
    static void memory(int width, int height, boolean toy, int slots, int batch) {
        long pixels = (long) (width > 0 ? width : DEFAULT_SIDE) * (height > 0 ? height : DEFAULT_SIDE);
        long needed = pixels * (toy ? TOY_BYTES_PER_PIXEL : SD_BYTES_PER_PIXEL) * slots * Math.max(1, batch);
        OptionalLong available = availableMemory();
        if (available.isPresent() && needed > available.getAsLong()) {
            throw new UserError(String.format(Locale.ROOT, "frames of %dx%d need about %s of memory (%d slot%s x %d "
                    + "frame%s at once), but %s is available: use a smaller --size, --parallelism or --batch",
                    width > 0 ? width : DEFAULT_SIDE, height > 0 ? height : DEFAULT_SIDE, gigabytes(needed), slots,
                    slots == 1 ? "" : "s", Math.max(1, batch), batch > 1 ? "s" : "", gigabytes(available.getAsLong())));
        }
    }

    /** The local cluster's limit on slots (each loads the model, and the network buffers grow with its square). */
    static void parallelism(int slots) {
        if (slots > LocalRender.MAX_LOCAL_SLOTS) {
            throw new UserError("--parallelism " + slots + " is more than a local render runs (at most "
                    + LocalRender.MAX_LOCAL_SLOTS + " slots, each loading the model once; this machine has "
                    + Runtime.getRuntime().availableProcessors() + " cores)");
        }
    }

    /** One small write and delete in the store, so missing rights or a wrong key show now, not after frame one. */
    static void store(ObjectStore store, String jobId) throws IOException {
        String key = "jobs/" + jobId + "/write-check";
        store.put(key, "netbend write check".getBytes(StandardCharsets.UTF_8));
        store.delete(key);
    }

    /** MemAvailable from /proc/meminfo (Linux), else the free physical memory the JVM reports. */
    static OptionalLong availableMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D+", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JVM
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return OptionalLong.of(os.getFreeMemorySize());
        }
        return OptionalLong.empty();
    }

    private static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
