package org.netbend.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders an overlay with {@code kubectl kustomize}, the way an operator applies it: from a copy of deploy/ and
 * configs/ in which each overlay's credentials.env is the committed example (the real file is never committed).
 */
final class Kustomize {
    static final List<String> OVERLAYS = List.of("dev", "gpu");

    private Kustomize() { }

    static String render(String overlay) throws IOException, InterruptedException {
        if (!Command.onPath("kubectl")) {
            throw new IllegalStateException("kubectl is needed to render deploy/overlays/" + overlay
                    + " (its built-in kustomize); install kubectl (https://kubernetes.io/docs/tasks/tools/) and run again");
        }
        Path tree = Repo.scratch("kustomize-" + overlay);
        copy(Repo.path("deploy/base"), tree.resolve("deploy/base"));
        copy(Repo.path("deploy/overlays"), tree.resolve("deploy/overlays"));
        copy(Repo.path("configs/service"), tree.resolve("configs/service"));
        try (Stream<Path> examples = Files.list(tree.resolve("deploy/overlays"))) {
            for (Path dir : examples.toList()) {
                Path example = dir.resolve("credentials.env.example");
                if (Files.isRegularFile(example)) {
                    Files.copy(example, dir.resolve("credentials.env"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Command.Result result = new Command(List.of("kubectl", "kustomize", "deploy/overlays/" + overlay), tree).run(120);
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize deploy/overlays/" + overlay + " failed (exit " + result.exitCode()
                    + "):\n" + result.output());
        }
        return result.output();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (p.getFileName().toString().equals("credentials.env")) {
                    continue; // an operator's real credentials stay out of the checks
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
