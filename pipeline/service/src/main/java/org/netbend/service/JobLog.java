package org.netbend.service;

import java.util.Locale;
import org.apache.flink.api.common.functions.MapFunction;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per job accepted ({@link IntakeFunction}) and ended (here, on the way to the results topic), on the
 * logger {@value #NAME}: {@code netbend serve} shows them on its console, a cluster keeps them in its logs.
 */
final class JobLog implements MapFunction<JobResult, JobResult> {
    static final String NAME = "netbend.jobs";
    private static final Logger LOG = LoggerFactory.getLogger(NAME);

    static void accepted(String jobId, String audioName, int priority, String notice) {
        LOG.info(acceptedLine(jobId, audioName, priority, notice));
    }

    /** The ACCEPTED line: the job, its track, its priority, and what the service has to say about the message. */
    static String acceptedLine(String jobId, String audioName, int priority, String notice) {
        return "netbend: job " + jobId + " accepted: " + audioName + (priority > 1 ? ", priority " + priority : "")
                + (notice == null || notice.isEmpty() ? "" : " (" + notice + ")");
    }

    @Override
    public JobResult map(JobResult result) {
        LOG.info("netbend: job {} {}", result.jobId(), ended(result));
        return result;
    }

    static String ended(JobResult result) {
        if (result.state() == JobState.DONE) {
            return String.format(Locale.ROOT, "DONE: %s, %d frames", result.videoKey(), result.frames());
        }
        return result.state() + (result.reason() == null ? "" : ": " + result.reason());
    }
}
