package org.netbend.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Input files checked for what they are before anything reads them (a FIFO would block, /dev/zero never end). */
final class InputFiles {
    private InputFiles() { }

    static void checkAudio(Path audio) {
        if (Files.isDirectory(audio)) {
            throw new UserError(audio + " is a directory, not an audio file");
        }
        if (!Files.exists(audio)) {
            throw new UserError("audio file not found: " + audio);
        }
        if (!Files.isRegularFile(audio)) {
            throw new UserError(audio + " is not a regular file (a FIFO, device or socket); give an audio file");
        }
        if (!Files.isReadable(audio)) {
            throw new UserError(audio + " is not readable (permissions)");
        }
    }
}
