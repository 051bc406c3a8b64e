package org.netbend.cli;

import java.io.PrintStream;

/**
 * What a command says when it is stopped before it ends (Ctrl-C, SIGTERM; the JVM then exits 130 or 143): what
 * was kept and how to go on. A command sets its note once it has something to keep; {@link Main} prints it from a
 * shutdown hook unless the command ended by itself.
 */
final class StopNote {
    private static volatile String note;
    private static volatile boolean ended;

    private StopNote() { }

    /** The note for a stop from now on, e.g. "the frames rendered so far stay in ...; running the same ...". */
    static void set(String text) {
        note = text;
    }

    /** Prints the note if the JVM stops before {@link #ended()} is called. */
    static void install(PrintStream err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!ended) {
                err.println();
                err.println("netbend: stopped. " + (note != null ? note : "Nothing was started that could be kept."));
                err.flush();
            }
        }, "netbend-stop-note"));
    }

    static void ended() {
        ended = true;
    }
}
