package org.netbend.render;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.netbend.render.toy.ToyModelGenerator;
import org.netbend.render.toy.ToyModelSpec;

/**
 * Turns a {@link ModelSource} into a local model folder:
 * <ul>
 *   <li>toy: generated into {@code cacheDir/toy-<version>/} the first time, reused afterwards;</li>
 *   <li>folder: checked for the diffusers layout (the error names every missing file);</li>
 *   <li>hf: downloaded once into {@code cacheDir/hf/OWNER--NAME/REVISION/} (see {@link HuggingFaceDownloader}).</li>
 * </ul>
 */
public final class ModelResolver {
    private final Path cacheDir;
    private final DownloadListener listener;
    private final String hfEndpoint;

    public ModelResolver(Path cacheDir, DownloadListener listener) {
        this(cacheDir, listener, HuggingFaceDownloader.defaultEndpoint());
    }

    /** With an explicit Hugging Face endpoint (a mirror, or a local server in tests). */
    public ModelResolver(Path cacheDir, DownloadListener listener, String hfEndpoint) {
        if (cacheDir == null) {
            throw new IllegalArgumentException("model cache folder must not be null");
        }
        this.cacheDir = cacheDir;
        this.listener = listener == null ? DownloadListener.SILENT : listener;
        this.hfEndpoint = hfEndpoint;
    }

    public Path resolve(ModelSource source) throws IOException {
        return switch (source.kind()) {
            case TOY -> toy(ToyModelSpec.DEFAULT);
            case FOLDER -> {
                Path dir = Path.of(source.folder());
                ModelLayout.requireComplete(dir);
                yield dir;
            }
            case HUGGING_FACE -> new HuggingFaceDownloader(hfEndpoint, cacheDir.resolve("hf"), listener)
                    .download(source.repository(), source.revision());
        };
    }

    /** The toy model for {@code spec}, generated once (concurrent callers each write a temp copy; one wins). */
    public Path toy(ToyModelSpec spec) throws IOException {
        Path target = cacheDir.resolve(spec.folderName());
        if (Files.isRegularFile(target.resolve("model_index.json"))) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path temp = Files.createTempDirectory(cacheDir, spec.folderName() + ".tmp");
        try {
            ToyModelGenerator.generate(spec, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } catch (IOException e) {
            if (!Files.isRegularFile(target.resolve("model_index.json"))) {
                throw e;
            }
            // another slot generated it first; its files are the same bytes
        } finally {
            deleteRecursively(temp);
        }
        return target;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
