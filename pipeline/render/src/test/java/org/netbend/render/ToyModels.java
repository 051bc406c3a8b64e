package org.netbend.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netbend.render.toy.ToyModelGenerator;
import org.netbend.render.toy.ToyModelSpec;

/** Toy model folders generated once per test JVM under target/, and models opened once and shared. */
final class ToyModels {
    private static final Path ROOT = Path.of("target", "toy-models");
    private static final Map<ToyModelSpec, StableDiffusion> OPEN = new ConcurrentHashMap<>();

    private ToyModels() { }

    static synchronized Path folder(ToyModelSpec spec) {
        Path dir = ROOT.resolve(spec.folderName());
        try {
            if (!Files.isRegularFile(dir.resolve("model_index.json"))) {
                ToyModelGenerator.generate(spec, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A shared pipeline on one CPU thread (tests must not close it). */
    static synchronized StableDiffusion open(ToyModelSpec spec) {
        return OPEN.computeIfAbsent(spec, s -> StableDiffusion.open(folder(s), RuntimeOptions.cpu().withThreads(1)));
    }

    static StableDiffusion toy() {
        return open(ToyModelSpec.DEFAULT);
    }
}
