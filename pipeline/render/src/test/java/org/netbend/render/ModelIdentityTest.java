package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.render.toy.ToyModelGenerator;
import org.netbend.render.toy.ToyModelSpec;

/** Job ids follow the model: the identity depends on what the folder holds, not where it is. */
class ModelIdentityTest {

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void theSameModelInAnotherFolderIsTheSameModel(@TempDir Path dir) throws Exception {
        ToyModelGenerator.generate(ToyModelSpec.DEFAULT, dir.resolve("a"));
        copy(dir.resolve("a"), dir.resolve("elsewhere/b"));
        ModelIdentity a = ModelIdentity.of(dir.resolve("a"));
        assertEquals(64, a.sha256().length());
        assertEquals(a, ModelIdentity.of(dir.resolve("elsewhere/b")));
        Files.writeString(dir.resolve("a/README.md"), "notes");
        Files.createDirectories(dir.resolve("a/.cache"));
        Files.writeString(dir.resolve("a/.cache/x"), "y");
        Files.writeString(dir.resolve("a/unet/model.onnx.part"), "half a download");
        assertEquals(a, ModelIdentity.of(dir.resolve("a")), "docs, hidden files and partial downloads do not count");
    }

    @Test
    void anotherModelInTheSameFolderIsAnotherModel(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("model");
        ToyModelGenerator.generate(ToyModelSpec.DEFAULT, folder);
        ModelIdentity before = ModelIdentity.of(folder);

        // a config value
        Path scheduler = folder.resolve("scheduler/scheduler_config.json");
        String config = Files.readString(scheduler);
        Files.writeString(scheduler, config.replace("\"steps_offset\" : 1", "\"steps_offset\" : 0"));
        ModelIdentity changedConfig = ModelIdentity.of(folder);
        assertNotEquals(before, changedConfig);
        Files.writeString(scheduler, config);
        assertEquals(before, ModelIdentity.of(folder));

        // a weight in the last byte of an ONNX file, same size
        Path unet = folder.resolve("unet/model.onnx");
        byte[] bytes = Files.readAllBytes(unet);
        bytes[bytes.length - 1] ^= 1;
        Files.write(unet, bytes);
        assertNotEquals(before, ModelIdentity.of(folder));

        // another model entirely, written over the first
        ToyModelGenerator.generate(ToyModelSpec.DEFAULT.withHeavyUnet(8, 1), folder);
        assertNotEquals(before, ModelIdentity.of(folder));
    }

    @Test
    void bigFilesAreSampledAtBothEnds(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("big");
        Files.createDirectories(folder.resolve("unet"));
        byte[] weights = new byte[3 * ModelIdentity.SAMPLE];
        Path data = folder.resolve("unet/model.onnx_data");
        Files.write(data, weights);
        ModelIdentity zeros = ModelIdentity.of(folder);
        weights[weights.length - 10] = 7; // in the tail sample
        Files.write(data, weights);
        ModelIdentity tail = ModelIdentity.of(folder);
        assertNotEquals(zeros, tail);
        weights[0] = 7; // in the head sample
        Files.write(data, weights);
        assertNotEquals(tail, ModelIdentity.of(folder));
    }

    @Test
    void digestsAreCachedUntilAFileChanges(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("m");
        ToyModelGenerator.generate(ToyModelSpec.DEFAULT, folder);
        ModelIdentity first = ModelIdentity.of(folder);
        int computed = ModelIdentity.computed();
        assertEquals(first, ModelIdentity.of(folder));
        assertEquals(first, ModelIdentity.of(folder.resolve("../m")));
        assertEquals(computed, ModelIdentity.computed(), "served from the cache");
        Path index = folder.resolve("model_index.json");
        Files.setLastModifiedTime(index, FileTime.fromMillis(Files.getLastModifiedTime(index).toMillis() + 5000));
        assertEquals(first, ModelIdentity.of(folder), "touched, same content");
        assertTrue(ModelIdentity.computed() > computed, "recomputed after a change in the listing");
    }

    @Test
    void aMissingFolderIsNamed(@TempDir Path dir) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ModelIdentity.of(dir.resolve("none")));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
    }
}
