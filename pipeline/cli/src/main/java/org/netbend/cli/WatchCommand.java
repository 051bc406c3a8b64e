package org.netbend.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobIds;
import org.netbend.service.client.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Follow a service job to its end with a progress bar; print its result.",
        description = {"A job that has already ended prints its result at once. Exit code: 0 DONE, 2 REJECTED, "
            + "1 FAILED or CANCELLED."},
        footer = {"", "Examples:",
            "  netbend watch 3f9a0c2b7d1e4a86 --bootstrap 127.0.0.1:9092",
            "  netbend watch album-3 --bootstrap 127.0.0.1:9092 --timeout 600"})
public final class WatchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "JOBID", description = "The id submit printed.")
    String jobId;

    @Mixin KafkaOptions kafka;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "86400",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        String id = checkedId(jobId);
        Duration timeout = Numbers.seconds("--timeout", timeoutSeconds);
        try (JobClient client = new JobClient(kafka.settings(Environment.system()))) {
            return Follow.toResult(spec.commandLine(),
                    bar -> client.watch(id, bar, timeout));
        }
    }

    static String checkedId(String id) {
        try {
            return JobIds.check("JOBID", id);
        } catch (InvalidRequestException e) {
            throw new UserError("JOBID " + e.problem());
        }
    }
}
