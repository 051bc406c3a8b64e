package org.netbend.cli;

import java.util.function.Function;
import org.netbend.job.JobResult;
import org.netbend.service.client.ProgressListener;
import picocli.CommandLine;

/** Follows a service job on render's progress bar, then reports its result; shared by submit --wait and watch. */
final class Follow {
    private Follow() { }

    /** @return the exit code of the result (see {@link ResultReport}) */
    static int toResult(CommandLine cli, Function<ProgressListener, JobResult> watch) {
        ProgressBar bar = new ProgressBar(cli.getErr(), System.console() != null, "rendering");
        JobResult result;
        try {
            result = watch.apply(new ServiceProgress(bar));
        } finally {
            bar.finish();
        }
        return ResultReport.print(result, cli.getOut(), cli.getErr());
    }
}
