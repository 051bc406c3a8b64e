package org.netbend.farm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

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

    public static Path workDir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "netbend-work"));
    }
}
