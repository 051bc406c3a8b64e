package org.netbend.service;

import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.MapFunction;
import org.netbend.job.JobResult;

/**
 * The results topic is read by every client, so a FAILED or REJECTED reason leaves the service without its insides:
 * the store's endpoint ({@code s3://bucket/prefix at http://host:port} keeps {@code s3://bucket/prefix}), any other
 * URL or host:port, and absolute paths of the machine (work folders, caches), of which only the file name stays.
 * Applied once, where results leave the job, so no stage has to remember it. A DONE result's presigned URL is meant
 * for the client and is kept.
 */
final class ResultScrubber implements MapFunction<JobResult, JobResult> {
    private static final Pattern ENDPOINT = Pattern.compile(
            "\\s+at\\s+[A-Za-z][A-Za-z0-9+.-]*://\\S*?(?=[:,;.]?(?:\\s|$))");
    private static final Pattern URL = Pattern.compile("\\b(?!s3://)[A-Za-z][A-Za-z0-9+.-]*://[^\\s'\"]+");
    private static final Pattern HOST_PORT = Pattern.compile(
            "/?\\b(?:localhost|[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+):\\d{1,5}\\b");
    /** An absolute path of two or more parts, not inside a URL or a key: only its last part stays. */
    private static final Pattern PATH = Pattern.compile("(?<![\\w.:/@-])/(?:[^\\s'\"/]+/)+([^\\s'\"/]+)");

    @Override
    public JobResult map(JobResult result) {
        if (result.reason() == null) {
            return result;
        }
        return new JobResult(result.schema(), result.jobId(), result.state(), result.videoKey(), result.frames(),
                result.durationSeconds(), result.url(), result.urlExpiresAt(), result.field(), scrub(result.reason()));
    }

    static String scrub(String reason) {
        String text = ENDPOINT.matcher(reason).replaceAll("");
        text = URL.matcher(text).replaceAll("(an address)");
        text = PATH.matcher(text).replaceAll("$1");
        return HOST_PORT.matcher(text).replaceAll("(an address)");
    }
}
