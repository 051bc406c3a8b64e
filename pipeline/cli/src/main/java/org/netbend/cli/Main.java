package org.netbend.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.netbend.assemble.FFmpegLogging;
import org.netbend.core.RunFolder;
import picocli.CommandLine;

/** Entry point of the {@code netbend} command. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        int code;
        StopNote.install(System.err); // Ctrl-C: what was kept, and that the same command resumes
        try (RunFolder folder = RunFolder.claim(new Environment(System.getenv()).cacheDir().resolve("tmp"))) {
            code = run(args);
        } catch (IOException e) {
            System.err.println("netbend: cannot make a work folder in the cache: " + Failures.message(e));
            code = 1;
        }
        StopNote.ended();
        System.exit(code);
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
        // "@file" arguments would read any file and echo its lines in the error ("--bend @/etc/passwd").
        cli.setExpandAtFiles(false);
        ErrorReporter reporter = new ErrorReporter();
        cli.setExecutionExceptionHandler(reporter);
        cli.setParameterExceptionHandler(reporter);
        return cli.execute(args);
    }
}
