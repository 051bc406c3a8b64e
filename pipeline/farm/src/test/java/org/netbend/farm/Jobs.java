package org.netbend.farm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.netbend.job.JobRequest;
import org.netbend.job.Method;
import org.netbend.job.RequestBuilder;
import org.netbend.store.ObjectStore;

/** Builds small, fast job requests for tests (toy model, tiny images). */
public final class Jobs {
    private Jobs() { }

    public static JobRequest txt2img(ObjectStore store, Path audio, List<String> bends, int segmentLength)
            throws IOException {
        String key = "audio/" + audio.getFileName();
        store.putFile(key, audio);
        return small(key, audio, bends, segmentLength).steps(50).chainOverlap(4).build();
    }

    /** The same with lanes, which bends read as {@code lane:NAME}. */
    public static JobRequest txt2img(ObjectStore store, Path audio, List<String> bends, int segmentLength,
            java.util.Map<String, org.netbend.core.Lane> lanes) throws IOException {
        String key = "audio/" + audio.getFileName();
        store.putFile(key, audio);
        return small(key, audio, bends, segmentLength).steps(50).chainOverlap(4).lanes(lanes).build();
    }

    /** A few-step job (1 Euler step without guidance, SD-turbo's recipe), whose chunks take a faster preset. */
    public static JobRequest fewSteps(ObjectStore store, Path audio, int segmentLength) throws IOException {
        String key = "audio/" + audio.getFileName();
        store.putFile(key, audio);
        return small(key, audio, List.of(), segmentLength).steps(1).guidance(0)
                .scheduler(org.netbend.job.SamplerName.EULER).build();
    }

    /** The same with an audio encoder ({@code pca(6)}) whose code(N) the bends read. */
    public static JobRequest txt2img(ObjectStore store, Path audio, List<String> bends, int segmentLength,
            String codes) throws IOException {
        String key = "audio/" + audio.getFileName();
        store.putFile(key, audio);
        return small(key, audio, bends, segmentLength).steps(50).chainOverlap(4).codes(codes).build();
    }

    /** An img2img chain: each frame from the previous one; segments after the first warm up over chainOverlap frames. */
    public static JobRequest img2img(ObjectStore store, Path audio, List<String> bends, int segmentLength,
            int chainOverlap) throws IOException {
        String key = "audio/" + audio.getFileName();
        store.putFile(key, audio);
        return small(key, audio, bends, segmentLength).steps(10).method(Method.IMG2IMG).chainOverlap(chainOverlap)
                .build();
    }

    private static RequestBuilder small(String key, Path audio, List<String> bends, int segmentLength) {
        return new RequestBuilder().audio(key, audio.getFileName().toString()).model("toy").prompt("3D mesh geometry")
                .bends(bends).fps(10).size("64x64").walkLength(0.2 * Math.PI).segmentLength(segmentLength);
    }

    public static RunOptions options(Path store, Path cache, int parallelism, boolean force) {
        return new RunOptions(store.toString(), parallelism, force, "cpu", 1, 1, cache.toString());
    }
}
