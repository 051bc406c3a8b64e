package org.netbend.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.netbend.service.client.BrokerUnavailableException;
import org.netbend.store.StoreException;

/** Finds the message that explains a failure, however deeply Flink or a library wrapped it. */
final class Failures {
    private Failures() { }

    static String message(Throwable failure) {
        Throwable cause = root(failure);
        String text = cause.getMessage();
        if (cause instanceof NoSuchFileException) {
            return "no such file: " + text;
        }
        if (cause instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason().toLowerCase(Locale.ROOT)
                    + (fs.getOtherFile() == null ? "" : " (" + fs.getOtherFile() + ")");
        }
        if (cause instanceof ReadOnlyFileSystemException) {
            return "the folder is on a read-only file system";
        }
        if (text == null || text.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return text.lines().findFirst().orElse(text);
    }

    static boolean isUserError(Throwable failure) {
        Throwable cause = root(failure);
        return cause instanceof IllegalArgumentException || cause instanceof UserError
                || cause instanceof NoSuchFileException;
    }

    /**
     * A problem of the machine or the network, not of netbend: a store or Kafka broker that is down or refuses
     * the credentials, a full disk, a read-only or forbidden folder. The message names it; it is not reported as a bug.
     */
    static boolean isEnvironment(Throwable failure) {
        Throwable cause = root(failure);
        if (cause instanceof StoreException || cause instanceof BrokerUnavailableException
                || cause instanceof FileSystemException
                || cause instanceof ReadOnlyFileSystemException || cause instanceof ConnectException
                || cause instanceof UnknownHostException) {
            return true;
        }
        String text = cause.getMessage() == null ? "" : cause.getMessage();
        return cause instanceof IOException && (text.contains("No space left on device")
                || text.contains("Disk quota exceeded") || text.contains("Read-only file system"));
    }

    /**
     * The innermost cause that carries a message, skipping Flink's generic wrappers. A store's own failure
     * already names the server, bucket and key, so the search stops there rather than at the SDK's exception.
     */
    static Throwable root(Throwable failure) {
        Throwable best = failure;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t.getMessage() != null && !isWrapper(t)) {
                best = t;
                if (t instanceof StoreException) {
                    break;
                }
            }
        }
        return best;
    }

    private static boolean isWrapper(Throwable t) {
        String name = t.getClass().getName();
        return name.startsWith("org.apache.flink.runtime") || name.startsWith("java.util.concurrent")
                || name.equals("org.apache.flink.util.FlinkException")
                || name.equals("org.apache.flink.util.FlinkRuntimeException")
                || name.equals("org.apache.flink.util.WrappingRuntimeException")
                || (t instanceof RuntimeException && t.getCause() != null && t.getMessage() != null
                    && t.getMessage().equals(t.getCause().toString()));
    }
}
