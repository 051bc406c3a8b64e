package org.netbend.service.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.Cancellation;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.netbend.job.ProgressEvent;
import org.netbend.job.RequestBuilder;
import org.netbend.job.StoreScope;
import org.netbend.job.Submission;
import org.netbend.job.SubmissionDecoder;
import org.netbend.service.EmbeddedBroker;
import org.netbend.service.KafkaSettings;
import org.netbend.service.Topics;

/** The client against a real KRaft broker on loopback; the service's answers come from {@link ServiceStandIn}. */
class JobClientTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir static Path dir;
    static EmbeddedBroker broker;
    static KafkaSettings settings;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(dir, Topics.DEFAULT, 2);
        settings = KafkaSettings.resolve(null, Map.of(), broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private static Submission submission(String jobId, int seed) {
        return new Submission(jobId, 3, "videos/" + jobId + ".mp4", new RequestBuilder()
                .audio("audio/" + "ab".repeat(32) + ".wav", "drums.wav").model("toy")
                .prompt("3D mesh geometry").promptAt(2.5, "a forest of glass").seed(seed).size("64x64")
                .bends(List.of("rotate-r1@40=rms[0..2pi]")).build());
    }

    @Test
    void aSubmittedRequestIsKeyedByJobIdAndDecodesToTheSameSubmission() {
        Submission sent = submission("client-submit-1", 7);
        try (JobClient client = new JobClient(settings)) {
            client.submit(sent, WAIT);
        }
        String record = lastRequestOf("client-submit-1");
        Object decoded = new SubmissionDecoder(new StoreScope(null, ""), "toy")
                .decode(record.getBytes(StandardCharsets.UTF_8));
        assertEquals(sent, decoded);
        assertEquals(sent.request().jobId(), ((Submission) decoded).request().jobId());
    }

    @Test
    void cancelSendsTheDocumentedMessage() throws Exception {
        try (JobClient client = new JobClient(settings)) {
            client.cancel("client-cancel-1", WAIT);
        }
        String record = lastRequestOf("client-cancel-1");
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"schema\": 1, \"type\": \"cancel\", \"jobId\": \"client-cancel-1\"}"),
                json.readTree(record));
        assertEquals(new Cancellation("client-cancel-1"), new SubmissionDecoder(new StoreScope(null, ""), "toy")
                .decode(record.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void cancelRefusesAnUnsafeJobId() {
        try (JobClient client = new JobClient(settings)) {
            assertThrows(InvalidRequestException.class, () -> client.cancel("../etc", WAIT));
        }
    }

    @Test
    void watchReturnsTheCommittedResultAndIgnoresAbortedOnesAndOtherJobs() {
        String job = "client-watch-1";
        try (JobClient client = new JobClient(settings); ServiceStandIn service = new ServiceStandIn(
                broker.bootstrapServers(), Topics.DEFAULT)) {
            service.commit(JobResult.cancelled(job)); // an earlier run's answer: not an answer to the next submit
            Submitted submitted = client.submit(submission(job, 8), WAIT);
            service.progress("client-watch-other", 5, 10);
            service.progress(job, 3, 9);
            service.abort(JobResult.failed(job, "aborted transaction"));
            service.commit(JobResult.done("client-watch-other", "jobs/o/video.mp4", 10, 0.5, null, null));
            service.progress(job, 9, 9);
            service.commit(JobResult.done(job, "jobs/" + job + "/video.mp4", 9, 0.45, null, null));

            List<ProgressEvent> seen = new ArrayList<>();
            JobResult result = client.watch(submitted, seen::add, WAIT);

            assertEquals(JobState.DONE, result.state(), result.toJson());
            assertEquals("jobs/" + job + "/video.mp4", result.videoKey());
            assertEquals(List.of(3, 9), seen.stream().map(ProgressEvent::framesDone).toList());
            assertTrue(seen.stream().allMatch(e -> e.jobId().equals(job)), seen.toString());
        }
    }

    @Test
    void watchAllFollowsAnAlbumToEveryResultAndTakesOnlyAnswersAfterEachSend() {
        String first = "client-album-1";
        String second = "client-album-2";
        try (JobClient client = new JobClient(settings); ServiceStandIn service = new ServiceStandIn(
                broker.bootstrapServers(), Topics.DEFAULT)) {
            Submitted one = client.submit(submission(first, 21), WAIT);
            service.commit(JobResult.cancelled(second)); // after the first send, before the second: not an answer
            Submitted two = client.submit(submission(second, 22), WAIT);
            service.progress(second, 2, 4);
            service.progress(first, 1, 3);
            service.commit(JobResult.done(second, "jobs/" + second + "/video.mp4", 4, 0.2, null, null));
            service.commit(JobResult.failed(first, "the track could not be decoded"));

            List<ProgressEvent> seen = new ArrayList<>();
            List<String> ended = new ArrayList<>();
            Map<String, JobResult> results = client.watchAll(List.of(one, two), seen::add,
                    result -> ended.add(result.jobId()), WAIT);

            assertEquals(List.of(first, second), List.copyOf(results.keySet()), "in the order submitted");
            assertEquals(JobState.FAILED, results.get(first).state());
            assertEquals(JobState.DONE, results.get(second).state(), "the CANCELLED before its send is not its answer");
            assertEquals(java.util.Set.of(first, second), java.util.Set.copyOf(ended), "each result once");
            assertEquals(2, ended.size());
            // Jobs are keyed to partitions of their own, so only each job's own events keep their order.
            assertEquals(Map.of(first, 1, second, 2), seen.stream().collect(java.util.stream.Collectors.toMap(
                    ProgressEvent::jobId, ProgressEvent::framesDone)));
        }
    }

    @Test
    void watchOfAFinishedJobReturnsItsResultAndOfAnUnknownJobSaysSo() {
        String job = "client-watch-2";
        try (JobClient client = new JobClient(settings); ServiceStandIn service = new ServiceStandIn(
                broker.bootstrapServers(), Topics.DEFAULT)) {
            client.submit(submission(job, 9), WAIT);
            service.commit(JobResult.failed(job, "store unreachable"));

            JobResult result = client.watch(job, e -> { }, WAIT);
            assertEquals(JobState.FAILED, result.state());
            assertEquals("store unreachable", result.reason());

            UnknownJobException e = assertThrows(UnknownJobException.class,
                    () -> client.watch("client-never-sent", ev -> { }, WAIT));
            assertTrue(e.getMessage().contains("client-never-sent"), e.getMessage());
        }
    }

    @Test
    void aWatchWithNothingToReadSaysWhatItWaitedFor() {
        String job = "client-watch-3";
        try (JobClient client = new JobClient(settings)) {
            Submitted submitted = client.submit(submission(job, 10), WAIT);
            WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                    () -> client.watch(submitted, ev -> { }, Duration.ofMillis(1500)));
            assertTrue(e.getMessage().contains("no result for job " + job + " on netbend.results"), e.getMessage());
            assertTrue(e.getMessage().contains("within 1500 ms"), e.getMessage());
        }
    }

    @Test
    void jobsListsEachJobsState() {
        try (JobClient client = new JobClient(settings); ServiceStandIn service = new ServiceStandIn(
                broker.bootstrapServers(), Topics.DEFAULT)) {
            client.submit(submission("client-jobs-queued", 11), WAIT);
            client.submit(submission("client-jobs-running", 12), WAIT);
            service.progress("client-jobs-running", 4, 20);
            service.abort(JobResult.failed("client-jobs-running", "never committed"));
            client.submit(submission("client-jobs-done", 13), WAIT);
            service.commit(JobResult.done("client-jobs-done", "jobs/d/video.mp4", 20, 1.0, null, null));
            client.submit(submission("client-jobs-rejected", 14), WAIT);
            service.commit(JobResult.rejected("client-jobs-rejected", new InvalidRequestException("steps", "too many")));

            Map<String, JobSummary> listed = new java.util.HashMap<>();
            client.jobs(1000, WAIT).forEach(s -> listed.put(s.jobId(), s));

            assertEquals(ListedState.QUEUED, listed.get("client-jobs-queued").state());
            JobSummary running = listed.get("client-jobs-running");
            assertEquals(ListedState.RUNNING, running.state());
            assertEquals(4, running.framesDone());
            assertEquals(20, running.framesTotal());
            assertNull(running.reason());
            assertEquals(ListedState.DONE, listed.get("client-jobs-done").state());
            assertEquals(20, listed.get("client-jobs-done").framesDone());
            assertEquals(ListedState.REJECTED, listed.get("client-jobs-rejected").state());
            assertEquals("drums.wav", listed.get("client-jobs-done").audioName());
            assertFalse(listed.get("client-jobs-rejected").reason().isBlank());

            List<JobSummary> two = client.jobs(2, WAIT);
            assertEquals(2, two.size());
            assertFalse(two.get(0).when().isBefore(two.get(1).when()), "newest first: " + two);
        }
    }

    private static String lastRequestOf(String key) {
        return RequestsTopic.lastValue(broker.bootstrapServers(), Topics.DEFAULT.requests(), key, WAIT);
    }
}
