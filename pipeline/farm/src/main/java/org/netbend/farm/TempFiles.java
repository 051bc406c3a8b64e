package org.netbend.farm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.netbend.core.RunFolder;

/** Clean-up of the scratch folders each stage works in. */
public final class TempFiles {
    private TempFiles() { }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Scratch space only: a leftover folder is not worth failing a job for.
        }
    }

    /** Inside the run's own folder ({@link RunFolder}), so that concurrent runs never share a work file. */
    public static Path workDir() throws IOException {
        return Files.createDirectories(RunFolder.current().resolve("netbend-work"));
    }

    /** A new folder of its own for one stage of one job: two runs of the same job never share it. */
    static Path stageDir(Path workDir, String stage, String jobId) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(workDir), stage + "-" + jobId + "-");
    }
}
