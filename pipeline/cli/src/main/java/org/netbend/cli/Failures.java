package org.netbend.cli;

import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.Set;

/** Finds the message that explains a failure, however deeply Flink or a library wrapped it. */
final class Failures {
    private Failures() { }

    static String message(Throwable failure) {
        Throwable cause = root(failure);
        String text = cause.getMessage();
        if (cause instanceof NoSuchFileException) {
            return "no such file: " + text;
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

    /** The innermost cause that carries a message, skipping Flink's generic wrappers. */
    static Throwable root(Throwable failure) {
        Throwable best = failure;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t.getMessage() != null && !isWrapper(t)) {
                best = t;
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
