package org.netbend.cli;

import java.util.concurrent.Callable;
import org.netbend.service.client.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cancel", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Ask the service to cancel a job; its stored frames stay.",
        description = {"Its queued segments are dropped, its running segment stops at the next frame, and it ends "
            + "CANCELLED. Stored frames stay, so submitting it again resumes."},
        footer = {"", "Example:",
            "  netbend cancel 3f9a0c2b7d1e4a86 --bootstrap 127.0.0.1:9092"})
public final class CancelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "JOBID", description = "The id submit printed.")
    String jobId;

    @Mixin KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        String id = WatchCommand.checkedId(jobId);
        try (JobClient client = new JobClient(kafka.settings(Environment.system()))) {
            client.cancel(id, SubmitCommand.SEND_TIMEOUT);
        }
        spec.commandLine().getErr().println("netbend: cancel of job " + id + " sent; `netbend watch " + id
                + "` shows when it has stopped");
        return 0;
    }
}
