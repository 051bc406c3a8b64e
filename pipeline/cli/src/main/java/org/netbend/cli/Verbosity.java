package org.netbend.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The --verbose option shared by every command. */
final class Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "Print stack traces and library logs.")
    boolean verbose;

    static boolean isVerbose(CommandLine cli) {
        for (CommandLine c = cli; c != null; c = c.getParent()) {
            for (Object mixin : c.getMixins().values()) {
                if (mixin instanceof Verbosity v && v.verbose) {
                    return true;
                }
            }
        }
        return false;
    }
}
