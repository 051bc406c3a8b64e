package org.netbend.farm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.OutputKeys;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * The copy of a job's video to the key its request names ({@code output}). An output key is written once: it must
 * obey {@link OutputKeys}, and an object already there is replaced by nobody, unless it is this job's own video
 * (a repeated request). The service checks before work (intake: REJECTED) and again when it copies (ASSEMBLE: FAILED,
 * should two jobs naming the same key have run at once).
 */
public final class OutputCopy {
    private OutputCopy() { }

    /**
     * Why {@code output} cannot receive the job's video, or empty when it is free or already holds this job's video.
     *
     * @throws IOException when the store cannot be read
     */
    public static Optional<String> refusal(ObjectStore store, String jobId, String output) throws IOException {
        try {
            OutputKeys.check("output", output);
        } catch (InvalidRequestException e) {
            return Optional.of(e.getMessage());
        }
        Optional<byte[]> there = store.get(output);
        if (there.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> own = store.get(new JobKeys(jobId).video());
        if (own.isPresent() && Arrays.equals(own.get(), there.get())) {
            return Optional.empty();
        }
        return Optional.of("output '" + output + "' already holds another video; an output is never replaced: choose "
                + "another key");
    }

    /**
     * Copies the job's video to {@code output} unless it is refused; returns the refusal.
     *
     * @throws IOException when the store or the scratch folder fails
     */
    public static Optional<String> copy(ObjectStore store, String jobId, String output) throws IOException {
        Optional<String> refused = refusal(store, jobId, output);
        if (refused.isPresent()) {
            return refused;
        }
        if (store.exists(output)) {
            return Optional.empty(); // already this job's video
        }
        Path file = Files.createTempFile(TempFiles.workDir(), "output-", ".mp4");
        try {
            store.getFile(new JobKeys(jobId).video(), file);
            store.putFile(output, file);
        } finally {
            Files.deleteIfExists(file);
        }
        return Optional.empty();
    }
}
