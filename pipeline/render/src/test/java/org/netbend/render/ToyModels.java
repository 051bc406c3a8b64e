package org.netbend.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netbend.render.toy.ToyExport;
import org.netbend.render.toy.ToyModelGenerator;
import org.netbend.render.toy.ToyModelSpec;

/** Toy model folders generated once per test JVM under target/, and models opened once and shared. */
final class ToyModels {
    private static final Path ROOT = Path.of("target", "toy-models");
    private static final Map<java.util.List<Object>, StableDiffusion> OPEN = new ConcurrentHashMap<>();

    private ToyModels() { }

    static synchronized Path folder(ToyModelSpec spec) {
        return folder(spec, ToyExport.SD_V1);
    }

    static synchronized Path folder(ToyModelSpec spec, ToyExport export) {
        Path dir = ROOT.resolve(spec.folderName() + export.folderSuffix());
        try {
            if (!Files.isRegularFile(dir.resolve("model_index.json"))) {
                ToyModelGenerator.generate(spec, export, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A shared pipeline on one CPU thread (tests must not close it). */
    static synchronized StableDiffusion open(ToyModelSpec spec) {
        return open(spec, ToyExport.SD_V1);
    }

    /** A shared pipeline for the toy exported as {@code export} (tests must not close it). */
    static synchronized StableDiffusion open(ToyModelSpec spec, ToyExport export) {
        return OPEN.computeIfAbsent(java.util.List.of(spec, export),
                k -> StableDiffusion.open(folder(spec, export), RuntimeOptions.cpu().withThreads(1)));
    }

    static StableDiffusion toy() {
        return open(ToyModelSpec.DEFAULT);
    }
}
