package org.netbend.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one line that names the problem; the stack trace only with --verbose.
 * Exit codes: 2 for a bad command line or request, 1 for anything that went wrong while running. Only a
 * failure that is neither the user's nor the machine's (a store, a disk, a folder) is called a possible bug.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("netbend: " + Shown.line(e.getMessage()));
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        return 2;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean userError = e instanceof UserError || Failures.isUserError(e);
        boolean environment = !userError && Failures.isEnvironment(e);
        err.println("netbend: " + Shown.line(Failures.message(e)));
        if (e instanceof UserError user && user.detail() != null) {
            user.detail().lines().forEach(line -> err.println("  " + line));
        }
        if (Verbosity.isVerbose(cli)) {
            e.printStackTrace(err);
        } else if (!userError && !environment) {
            err.println("(this looks like a bug or an environment problem; run with --verbose for details)");
        }
        err.flush();
        return userError ? 2 : 1;
    }
}
