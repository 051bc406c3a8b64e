package org.netbend.assemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.netbend.core.FreshFiles;

/** Writes a file through a hidden partial file beside it, renamed over it only when complete. */
final class PartialFile {
    private PartialFile() { }

    /** Fills the partial file it is given; throws to leave the target as it was. */
    @FunctionalInterface
    interface Writer<T> {
        T writeTo(Path partial) throws IOException;
    }

    static <T> T write(Path target, String suffix, Writer<T> writer) throws AssembleException {
        Path absolute = target.toAbsolutePath();
        Path partial = null;
        try {
            Files.createDirectories(absolute.getParent());
            partial = FreshFiles.create(absolute.getParent(), "." + absolute.getFileName() + ".", suffix);
            T result = writer.writeTo(partial);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } catch (IOException e) {
            if (e instanceof AssembleException ae) {
                throw ae;
            }
            throw new AssembleException("cannot write " + absolute + ": " + e, e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // a hidden leftover beside the output is harmless
                }
            }
        }
    }
}
