package org.netbend.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netbend.core.FreshFiles;

/**
 * The files a command writes for the user, checked before any work: each replaces only a regular file (or is
 * new), is never one of the command's inputs (the same path or, through a link, the same file), never a folder,
 * FIFO or device, never another output of the same command, and its folder exists and is writable. Each is then
 * written beside its target under a hidden name and renamed over it, so the target is never half written, a
 * FIFO is never opened (so nothing blocks), and the new file has the permissions the umask gives.
 */
final class OutputFiles {
    private final Map<String, Path> outputs = new LinkedHashMap<>();
    private final Map<String, Path> inputs = new LinkedHashMap<>();

    /** An input the outputs must not overwrite, e.g. ("the input audio", AUDIO). */
    OutputFiles input(String what, Path file) {
        if (file != null) {
            inputs.put(what, file);
        }
        return this;
    }

    /** An output, e.g. ("--plot", plot); null (an option not given) is skipped. */
    OutputFiles output(String option, Path file) {
        if (file != null) {
            outputs.put(option, file);
        }
        return this;
    }

    /** Every check above; a {@link UserError} naming the option and the path for the first that fails. */
    OutputFiles check() {
        List<Map.Entry<String, Path>> seen = new ArrayList<>();
        for (Map.Entry<String, Path> output : outputs.entrySet()) {
            String option = output.getKey();
            Path path = output.getValue();
            checkKind(option, path);
            for (Map.Entry<String, Path> input : inputs.entrySet()) {
                if (same(path, input.getValue())) {
                    throw new UserError(option + " " + path + " is " + input.getKey()
                            + "; netbend never overwrites its input: choose another name");
                }
            }
            for (Map.Entry<String, Path> earlier : seen) {
                if (same(path, earlier.getValue())) {
                    throw new UserError(option + " and " + earlier.getKey() + " are the same file (" + path
                            + "); give each output its own name");
                }
            }
            seen.add(output);
            checkFolderWritable(option, path);
        }
        return this;
    }

    private static void checkKind(String option, Path path) {
        if (Files.isDirectory(path)) {
            throw new UserError(option + " " + path + " is a directory; give a file name");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new UserError(option + " " + path + " is not a regular file (a FIFO, device or socket); netbend "
                    + "only creates files or replaces regular files");
        }
    }

    /** The same path once normalised, or the same file reached through a link. */
    static boolean same(Path a, Path b) {
        Path x = a.toAbsolutePath().normalize();
        Path y = b.toAbsolutePath().normalize();
        if (x.equals(y)) {
            return true;
        }
        try {
            return Files.exists(x) && Files.exists(y) && Files.isSameFile(x, y);
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkFolderWritable(String option, Path path) {
        Path folder = path.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UserError(option + " folder does not exist: " + folder);
        }
        try {
            Files.delete(FreshFiles.create(folder, ".netbend-write-check-", ".tmp"));
        } catch (AccessDeniedException e) {
            throw new UserError(option + " folder " + folder + " is not writable (permission denied)");
        } catch (FileSystemException e) {
            throw new UserError(option + " folder " + folder + " is not writable ("
                    + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + ")");
        } catch (IOException e) {
            throw new UserError(option + " folder " + folder + " is not writable (" + e.getMessage() + ")");
        }
    }

    /** Writes one file: {@code writer} fills a hidden file beside {@code target}, which then replaces it. */
    static void write(Path target, FileWriter writer) throws IOException {
        Path partial = partialFor(target);
        try {
            writer.writeTo(partial);
            publish(partial, target);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** A new hidden file beside {@code target}, unique to this run, that {@link #publish} later renames. */
    static Path partialFor(Path target) throws IOException {
        return FreshFiles.create(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".part");
    }

    /**
     * Renames a finished file over {@code target}, giving it the permissions a new file gets in that folder (a
     * file made by {@code createTempFile}, or copied from one, would otherwise stay owner-only).
     */
    static void publish(Path finished, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            throw new UserError(target + " became a non-regular file while netbend worked; nothing was written");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(finished, PosixFileAttributeView.class);
        if (view != null) {
            Path probe = FreshFiles.create(finished.toAbsolutePath().getParent(), ".netbend-mode-", ".tmp");
            try {
                Set<PosixFilePermission> usual = Files.getPosixFilePermissions(probe);
                view.setPermissions(usual);
            } finally {
                Files.deleteIfExists(probe);
            }
        }
        try {
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Fills the file it is given. */
    @FunctionalInterface
    interface FileWriter {
        void writeTo(Path file) throws IOException;
    }
}
