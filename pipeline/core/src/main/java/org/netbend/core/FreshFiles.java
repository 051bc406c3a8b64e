package org.netbend.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * New empty files with unique names, created like any other file: the user's umask decides their permissions.
 * {@link Files#createTempFile} makes owner-only (0600) files, and a file copied or renamed from one keeps that
 * mode, so a video or audio track the user receives would be unreadable to the rest of their group.
 */
public final class FreshFiles {
    private FreshFiles() { }

    /** {@code folder/prefix<random>suffix}, created empty; the folder must exist. */
    public static Path create(Path folder, String prefix, String suffix) throws IOException {
        while (true) {
            try {
                return Files.createFile(folder.resolve(prefix + UUID.randomUUID() + suffix));
            } catch (FileAlreadyExistsException taken) {
                // a random name was taken: draw another
            }
        }
    }
}
