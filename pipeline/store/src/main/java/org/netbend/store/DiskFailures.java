package org.netbend.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a local store's file operation failed, in words that name the store rather than its staging files: the
 * failure of a write is most often the disk (full, over quota, read-only), and the JDK reports that as a
 * {@code FileSystemException} of the hidden staging file the write went to, a path the user never chose.
 */
final class DiskFailures {
    private DiskFailures() { }

    /**
     * The reason for a store's message ({@code "<store>: put 'KEY' failed: <reason>"}, which names the store's
     * folder): what the disk said, without any path inside {@code staging}.
     */
    static String reason(IOException e, Path staging) {
        String said = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        String text = said == null ? "" : said;
        if (text.contains("No space left on device")) {
            return "the disk is full (No space left on device)";
        }
        if (text.contains("Disk quota exceeded")) {
            return "the disk quota is used up (Disk quota exceeded)";
        }
        if (text.contains("Read-only file system")) {
            return "the folder is on a read-only file system";
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied" + (denied.getFile() == null ? "" : ": " + hideStaging(denied.getFile(), staging));
        }
        if (e instanceof FileAlreadyExistsException exists && exists.getReason() != null) {
            return exists.getReason();
        }
        String name = e.getClass().getSimpleName();
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return name + ": " + hideStaging(fs.getFile(), staging) + (said == null ? "" : ": " + said);
        }
        return name + (said == null ? "" : ": " + hideStaging(said, staging));
    }

    /** A path or message with each file of the staging folder written as "the store's staging folder". */
    private static String hideStaging(String text, Path staging) {
        return text.replaceAll(Pattern.quote(staging.toString()) + "(/[^\\s:]*)?",
                Matcher.quoteReplacement("the store's staging folder"));
    }
}
