package org.netbend.farm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.netbend.store.ObjectStore;

/** Builds small, fast job requests for tests (toy model, tiny images). */
public final class Jobs {
    private Jobs() { }

    public static JobRequest txt2img(ObjectStore store, Path audio, List<String> bends, int segmentLength)
            throws IOException {
        String key = "audio/" + audio.getFileName();
        store.putFile(key, audio);
        return new JobRequest(JobRequest.SCHEMA_VERSION, key, audio.getFileName().toString(),
                List.of(new PromptCue(0, "3D mesh geometry")), "", "linear", bends, 10, 50, 7.5, 46, 64, 64,
                "ddim", "txt2img", 0.5, 4, "code", 0.2 * Math.PI, 0.3, 100, "toy", segmentLength).validated();
    }

    /** An img2img chain: each frame from the previous one; segments after the first warm up over chainOverlap frames. */
    public static JobRequest img2img(ObjectStore store, Path audio, List<String> bends, int segmentLength,
            int chainOverlap) throws IOException {
        String key = "audio/" + audio.getFileName();
        store.putFile(key, audio);
        return new JobRequest(JobRequest.SCHEMA_VERSION, key, audio.getFileName().toString(),
                List.of(new PromptCue(0, "3D mesh geometry")), "", "linear", bends, 10, 10, 7.5, 46, 64, 64,
                "ddim", "img2img", 0.5, chainOverlap, "code", 0.2 * Math.PI, 0.3, 100, "toy", segmentLength)
                .validated();
    }

    public static RunOptions options(Path store, Path cache, int parallelism, boolean force) {
        return new RunOptions(store.toString(), parallelism, force, "cpu", 1, 1, cache.toString());
    }
}
