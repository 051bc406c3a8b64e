package org.netbend.cli;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.netbend.service.client.JobClient;
import org.netbend.service.client.JobSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "jobs", mixinStandardHelpOptions = true, sortOptions = false,
        header = "List recent service jobs, newest first.",
        description = {"Each job's state, frames done/total and when it last moved. QUEUED: requested, no "
            + "progress yet; RUNNING: rendering; then DONE, FAILED, REJECTED or CANCELLED."},
        footer = {"", "Examples:",
            "  netbend jobs --bootstrap 127.0.0.1:9092",
            "  netbend jobs --bootstrap 127.0.0.1:9092 --limit 5"})
public final class JobsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin KafkaOptions kafka;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "Jobs to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time to read the topics (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new UserError("--limit must be at least 1, got " + limit);
        }
        List<JobSummary> jobs;
        try (JobClient client = new JobClient(kafka.settings(Environment.system()))) {
            jobs = client.jobs(limit, Numbers.seconds("--timeout", timeoutSeconds));
        }
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-24s %-9s %13s  %-20s %s%n";
        out.printf(Locale.ROOT, format, "JOB", "STATE", "FRAMES", "WHEN", "TRACK");
        for (JobSummary job : jobs) {
            String frames = job.framesTotal() < 0 ? "-" : job.framesDone() + "/" + job.framesTotal();
            out.printf(Locale.ROOT, format, job.jobId(), job.state(), frames, WHEN.format(job.when()),
                    job.audioName() == null ? "" : job.audioName());
        }
        out.flush();
        return 0;
    }
}
