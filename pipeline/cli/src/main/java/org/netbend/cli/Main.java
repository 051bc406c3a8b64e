package org.netbend.cli;

import java.io.PrintWriter;
import org.netbend.assemble.FFmpegLogging;
import picocli.CommandLine;

/** Entry point of the {@code netbend} command. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        FFmpegLogging.errorsOnly();
        CommandLine cli = new CommandLine(new NetbendCommand());
        cli.setOut(out);
        cli.setErr(err);
        ErrorReporter reporter = new ErrorReporter();
        cli.setExecutionExceptionHandler(reporter);
        cli.setParameterExceptionHandler(reporter);
        return cli.execute(args);
    }
}
