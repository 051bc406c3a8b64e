package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobResult;

/** What every client reads carries no path of the service's machine and no store endpoint. */
class ResultScrubberTest {
    private final ResultScrubber scrubber = new ResultScrubber();

    @Test
    void aStoreFailureKeepsTheBucketButNotTheEndpoint() {
        JobResult failed = scrubber.map(JobResult.failed("j", "s3://studio/netbend at http://10.1.2.3:9000: get "
                + "'jobs/j/chunks/00001.mp4' failed: Failed to connect to /10.1.2.3:9000 (after 8 retries)"));
        assertEquals("s3://studio/netbend: get 'jobs/j/chunks/00001.mp4' failed: Failed to connect to (an address) "
                + "(after 8 retries)", failed.reason());
    }

    @Test
    void workPathsKeepOnlyTheirFileName() {
        JobResult failed = scrubber.map(JobResult.failed("j", "the audio cannot be planned: cannot decode "
                + "/home/render/.cache/netbend/tmp/run-4242/plan-j-123/audio.wav: invalid data; see "
                + "file:///var/log/x.log or https://minio.internal:9000/studio?x=1 and minio.internal:9000"));
        String reason = failed.reason();
        assertTrue(reason.contains("cannot decode audio.wav: invalid data"), reason);
        assertFalse(reason.contains("/home") || reason.contains("run-4242") || reason.contains("minio.internal")
                || reason.contains("/var/log"), reason);
    }

    @Test
    void keysAndOrdinaryTextStayAsTheyAre() {
        JobResult rejected = scrubber.map(JobResult.rejected("j", new InvalidRequestException("audio",
                "'audio/8f3a.wav' does not exist in the service's store; s3://studio/netbend/a.wav at 12:30, ratio 1/2")));
        assertEquals("request field 'audio' 'audio/8f3a.wav' does not exist in the service's store; "
                + "s3://studio/netbend/a.wav at 12:30, ratio 1/2", rejected.reason());
        assertEquals("audio", rejected.field());
        JobResult done = JobResult.done("j", "jobs/j/video.mp4", 10, 1.0, "http://127.0.0.1:9000/x?sig", "t");
        assertEquals(done, scrubber.map(done), "a DONE result's URL is for the client");
    }
}
