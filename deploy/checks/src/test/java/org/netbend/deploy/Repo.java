package org.netbend.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the netbend checkout, found from this module's folder (Maven runs tests in deploy/checks). */
final class Repo {
    private Repo() { }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/overlays")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the netbend checkout (no deploy/overlays above " + dir + ")");
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    /** A fresh folder under this module's target/ for one test's files. */
    static Path scratch(String name) throws java.io.IOException {
        Path dir = Path.of("target", "deploy-checks", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
