package org.netbend.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.netbend.job.JobResult;

/**
 * A job's result in words, and its exit code: 0 for DONE, 2 for REJECTED (the request was wrong, as for a bad
 * command line), 1 for FAILED and CANCELLED.
 */
final class ResultReport {
    private ResultReport() { }

    static int print(JobResult result, PrintWriter out, PrintWriter err) {
        switch (result.state()) {
            case DONE -> {
                out.printf(Locale.ROOT, "job %s DONE: %s, %d frames, %.2f s%n", result.jobId(), result.videoKey(),
                        result.frames() == null ? 0 : result.frames(),
                        result.durationSeconds() == null ? 0.0 : result.durationSeconds());
                if (result.url() != null) {
                    out.println(result.url() + (result.urlExpiresAt() == null ? ""
                            : " (until " + result.urlExpiresAt() + ")"));
                }
                out.flush();
                return 0;
            }
            case REJECTED -> {
                err.println("netbend: job " + result.jobId() + " REJECTED: " + result.reason());
                return 2;
            }
            default -> {
                err.println("netbend: job " + result.jobId() + " " + result.state() + ": " + result.reason());
                return 1;
            }
        }
    }
}
