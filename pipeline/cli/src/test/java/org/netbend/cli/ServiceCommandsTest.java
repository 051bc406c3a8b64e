package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.job.AudioKeys;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobRequest;
import org.netbend.job.JobResult;
import org.netbend.job.ServiceMessage;
import org.netbend.job.StoreScope;
import org.netbend.job.Submission;
import org.netbend.job.SubmissionDecoder;
import org.netbend.service.EmbeddedBroker;
import org.netbend.service.Topics;
import org.netbend.service.client.RequestsTopic;
import org.netbend.service.client.ServiceStandIn;
import org.netbend.store.LocalStore;
import picocli.CommandLine;

/**
 * submit, watch, cancel and jobs through {@link Main} against a real KRaft broker on loopback and a folder store.
 * No service runs here: where a test needs an answer, {@link ServiceStandIn} plays the service's part on the
 * broker (results in committed transactions). The end-to-end run against the real service is tested with it.
 */
class ServiceCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SubmissionDecoder DECODER = new SubmissionDecoder(new StoreScope(null, ""), "toy");
    @TempDir static Path dir;
    static EmbeddedBroker broker;
    static Path audio;
    static Path store;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("kafka"), Topics.DEFAULT, 2);
        audio = TestAudio.silenceBurstSilence(dir.resolve("drums.wav"), 0.3, 0.2, 0.5);
        store = dir.resolve("store");
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    private static String[] submit(String... more) {
        List<String> args = new ArrayList<>(List.of("submit", audio.toString(), "--store", store.toString(),
                "--bootstrap", broker.bootstrapServers(), "--model", "toy"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void submitUploadsTheTrackAndSendsTheRequestRenderWouldBuild() throws Exception {
        String[] options = {"--job", "../../configs/presets/paper-fig2-add.yaml", "-p", "3D mesh geometry",
            "--prompt-at", "0.5=a forest of glass", "--bend", "rotate-r1@40=rms[0..2pi]", "--seed", "5",
            "--size", "64x64", "--walk-length", "0.1pi"};
        List<String> args = new ArrayList<>(List.of(submit()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());

        JobRequest rendered = renderedRequest(options);

        String jobId = run.out().strip();
        assertEquals(rendered.jobId(), jobId, "submit prints render's job id");
        ServiceMessage sent = DECODER.decode(lastRequest(jobId).getBytes(StandardCharsets.UTF_8));
        assertEquals(new Submission(jobId, 1, null, rendered), sent);
        try (LocalStore objects = new LocalStore(store, false)) {
            assertTrue(objects.exists(AudioKeys.of(audio)), "the track is in the store under its content address");
        }
        CliRun again = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("already in"), "the second submit does not upload again: " + again.err());
    }

    @Test
    void submitUploadsTheStemsAndMidiAndSendsTheirKeys() throws Exception {
        Path drums = TestAudio.silenceBurstSilence(dir.resolve("drums-stem.wav"), 0.5, 0.2, 0.3);
        Path midi = RenderSourcesIT.midi(dir.resolve("piece.mid"), 0.2, 0.6);
        String[] options = {"-p", "3D mesh geometry", "--stem", "drums=" + drums, "--midi", midi.toString(),
            "--bend", "multiply@40=rms@drums[1..2]", "--bend", "add@30=velocity@ch1"};
        List<String> args = new ArrayList<>(List.of(submit()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("drums-stem.wav uploaded to") && run.err().contains("piece.mid uploaded to"),
                run.err());

        JobRequest rendered = renderedRequest(options);
        String jobId = run.out().strip();
        assertEquals(rendered.jobId(), jobId, "submit prints render's job id");
        Submission sent = (Submission) DECODER.decode(lastRequest(jobId).getBytes(StandardCharsets.UTF_8));
        assertEquals(rendered, sent.request());
        assertEquals(AudioKeys.of(drums), sent.request().stemKeys().get("drums"));
        assertEquals(AudioKeys.midiOf(midi), sent.request().midiKey());
        try (LocalStore objects = new LocalStore(store, false)) {
            assertTrue(objects.exists(AudioKeys.of(drums)) && objects.exists(AudioKeys.midiOf(midi)));
        }
    }

    @Test
    void aStemThatNoBendReadsIsSaid() throws Exception {
        Path bass = TestAudio.silenceBurstSilence(dir.resolve("bass-stem.wav"), 0.4, 0.2, 0.4);
        CliRun run = CliRun.of(submit("-p", "glass", "--stem", "bass=" + bass, "--bend", "add@40=rms[0..1]"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("stem 'bass' is read by no bend; it still counts in the job id"), run.err());
    }

    @Test
    void anAlbumTrackTakesItsStemsFromItsOwnJobFile() throws Exception {
        Path album = Files.createDirectories(dir.resolve("album"));
        Path first = TestAudio.silenceBurstSilence(album.resolve("1 intro.wav"), 0.2, 0.3, 0.2);
        TestAudio.silenceBurstSilence(album.resolve("2 song.wav"), 0.4, 0.2, 0.3);
        Path jobs = Files.createDirectories(dir.resolve("album-jobs"));
        Path hats = TestAudio.silenceBurstSilence(jobs.resolve("hats.wav"), 0.1, 0.2, 0.4);
        Files.writeString(jobs.resolve("1 intro.yaml"), "stems: {hats: hats.wav}\nbends: ['multiply@40=rms@hats[1..2]']\n");
        Files.writeString(jobs.resolve("2 song.yaml"), "bends: ['add@40=rms[0..1]']\n");
        CliRun run = CliRun.of("submit", album.toString(), "--job-per-track", jobs.toString(), "-p", "glass",
                "--store", store.toString(), "--bootstrap", broker.bootstrapServers(), "--model", "toy");
        assertEquals(0, run.exitCode(), run.err());
        List<String> ids = run.out().strip().lines().toList();
        assertEquals(2, ids.size(), run.out());
        Submission intro = (Submission) DECODER.decode(lastRequest(ids.get(0)).getBytes(StandardCharsets.UTF_8));
        Submission song = (Submission) DECODER.decode(lastRequest(ids.get(1)).getBytes(StandardCharsets.UTF_8));
        assertEquals(AudioKeys.of(first), intro.request().audioKey());
        assertEquals(Map.of("hats", AudioKeys.of(hats)), intro.request().stemKeys(), "the intro's job file's stem");
        assertTrue(song.request().stemKeys().isEmpty(), "the song's job file names no stem");
        assertEquals(AlbumLabel.of(ids), intro.album(), "an album's requests carry one album id");
        assertEquals(intro.album(), song.album());
        assertTrue(lastRequest(ids.get(0)).contains("\"audioName\":") && !lastRequest(ids.get(0)).contains("audio-name"),
                "the client writes the wire's camelCase");
        try (LocalStore objects = new LocalStore(store, false)) {
            assertTrue(objects.exists(AudioKeys.of(hats)), "the intro's stem is uploaded");
        }
    }

    /** The request render builds from the same options. */
    private static JobRequest renderedRequest(String... options) throws Exception {
        RenderCommand render = new RenderCommand();
        List<String> renderArgs = new ArrayList<>(List.of(audio.toString(), "-o", dir.resolve("o.mp4").toString()));
        renderArgs.addAll(List.of(options));
        new CommandLine(render).parseArgs(renderArgs.toArray(String[]::new));
        return render.track.request(render.track.probe(), "toy", new java.io.PrintWriter(java.io.Writer.nullWriter()));
    }

    @Test
    void submitTakesTheJobIdPriorityAndOutputGiven() {
        CliRun run = CliRun.of(submit("-p", "x", "--job-id", "cli-given-id", "--priority", "7", "--output",
                "videos/given.mp4"));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("cli-given-id", run.out().strip());
        Submission sent = (Submission) DECODER.decode(lastRequest("cli-given-id").getBytes(StandardCharsets.UTF_8));
        assertEquals(7, sent.priority());
        assertEquals("videos/given.mp4", sent.output());
    }

    @Test
    void submitWaitExitsByTheResult() throws Exception {
        assertEquals(0, submitAnswered("cli-wait-done",
                JobResult.done("cli-wait-done", "jobs/cli-wait-done/video.mp4", 20, 1.0, null, null)).exitCode());
        CliRun rejected = submitAnswered("cli-wait-rejected",
                JobResult.rejected("cli-wait-rejected", new InvalidRequestException("model", "is not offered")));
        assertEquals(2, rejected.exitCode(), rejected.err());
        assertTrue(rejected.err().contains("REJECTED") && rejected.err().contains("is not offered"), rejected.err());
        CliRun failed = submitAnswered("cli-wait-failed", JobResult.failed("cli-wait-failed", "store unreachable"));
        assertEquals(1, failed.exitCode(), failed.err());
        assertTrue(failed.err().contains("FAILED: store unreachable"), failed.err());
    }

    /** Runs submit --wait while the stand-in answers the request once it is on the topic. */
    private static CliRun submitAnswered(String jobId, JobResult answer) throws Exception {
        CompletableFuture<Void> service = CompletableFuture.runAsync(() -> {
            lastRequest(jobId);
            try (ServiceStandIn standIn = new ServiceStandIn(broker.bootstrapServers(), Topics.DEFAULT)) {
                standIn.progress(jobId, 10, 20);
                standIn.commit(answer);
            }
        });
        CliRun run = CliRun.of(submit("-p", "x", "--job-id", jobId, "--wait", "--timeout", "120"));
        service.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(jobId, run.out().lines().findFirst().orElse(""), run.out());
        return run;
    }

    @Test
    void cancelWatchAndJobs() throws Exception {
        assertEquals(0, CliRun.of(submit("-p", "x", "--job-id", "cli-listed")).exitCode());
        CliRun cancel = CliRun.of("cancel", "cli-listed", "--bootstrap", broker.bootstrapServers());
        assertEquals(0, cancel.exitCode(), cancel.err());
        assertEquals("{\"schema\":1,\"type\":\"cancel\",\"jobId\":\"cli-listed\"}", lastRequest("cli-listed"));

        CliRun jobs = CliRun.of("jobs", "--bootstrap", broker.bootstrapServers());
        assertEquals(0, jobs.exitCode(), jobs.err());
        assertTrue(jobs.out().lines().anyMatch(l -> l.startsWith("cli-listed ") && l.contains("QUEUED")
                && l.contains("drums.wav")), jobs.out());

        try (ServiceStandIn standIn = new ServiceStandIn(broker.bootstrapServers(), Topics.DEFAULT)) {
            standIn.commit(JobResult.cancelled("cli-listed"));
        }
        CliRun watch = CliRun.of("watch", "cli-listed", "--bootstrap", broker.bootstrapServers());
        assertEquals(1, watch.exitCode(), watch.err());
        assertTrue(watch.err().contains("job cli-listed CANCELLED"), watch.err());
    }

    @Test
    void badInputIsOneLine() {
        CliRun unknown = CliRun.of("watch", "cli-no-such-job", "--bootstrap", broker.bootstrapServers());
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("no job 'cli-no-such-job'"), unknown.err());

        CliRun badId = CliRun.of("cancel", "../etc", "--bootstrap", broker.bootstrapServers());
        assertEquals(2, badId.exitCode(), badId.err());
        assertEquals(1, badId.err().strip().lines().count(), badId.err());

        CliRun badPriority = CliRun.of(submit("-p", "x", "--priority", "0"));
        assertEquals(2, badPriority.exitCode(), badPriority.err());
        assertTrue(badPriority.err().contains("--priority"), badPriority.err());
        assertFalse(badPriority.err().contains("\tat "), badPriority.err());
    }

    /** The CLI holds --output to the service's rule (OutputKeys) before it uploads or sends anything. */
    @Test
    void anOutputTheServiceWouldRefuseIsRefusedBeforeAnyUpload() throws Exception {
        Path empty = dir.resolve("untouched-store");
        for (String output : List.of("videos/my video.mp4", "jobs/other-job/video.mp4", "audio/x.mp4",
                "videos/trömmel.mp4", "videos/%2e%2e/x.mp4")) {
            List<String> args = new ArrayList<>(List.of(submit("-p", "x", "--output", output)));
            args.set(args.indexOf(store.toString()), empty.toString());
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), output + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().contains("--output"), run.err());
            assertFalse(Files.exists(empty.resolve("audio")), output + ": nothing may be uploaded");
        }
    }

    @Test
    void everyServiceCommandHasHelp() {
        for (String command : new String[] {"submit", "watch", "cancel", "jobs"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("Usage: netbend " + command) && run.out().contains("--bootstrap"), run.out());
        }
    }

    @Test
    void withoutABrokerTheCommandSaysHowToGiveOne() {
        Assumptions.assumeTrue(System.getenv("NETBEND_KAFKA_BOOTSTRAP") == null, "NETBEND_KAFKA_BOOTSTRAP is set");
        CliRun run = CliRun.of("jobs");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--bootstrap") && run.err().contains("NETBEND_KAFKA_BOOTSTRAP"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    /** A broker nobody listens for is named in one line within seconds, and the track is not uploaded first. */
    @Test
    void submitToABrokerThatDoesNotAnswerSaysSoBeforeUploading() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        Path fresh = dir.resolve("store-never-made");
        CliRun run = CliRun.of("submit", audio.toString(), "-p", "x", "--store", fresh.toString(), "--bootstrap",
                "127.0.0.1:" + port, "--model", "toy");
        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = run.err().strip().lines().toList();
        assertEquals(List.of("netbend: the Kafka broker at 127.0.0.1:" + port + " did not answer within 5 s: is it "
                + "running, and is the address (--bootstrap, NETBEND_KAFKA_BOOTSTRAP) right?"), lines);
        assertFalse(Files.exists(fresh), "nothing uploaded before the broker answered");
    }

    @Test
    void submitToABrokerWithoutTheRequestsTopicSaysSoBeforeUploading() throws Exception {
        Path kafka = Files.writeString(dir.resolve("other-topics.properties"), "netbend.topic.requests=no.such.topic\n");
        Path fresh = dir.resolve("store-never-made-2");
        CliRun run = CliRun.of("submit", audio.toString(), "-p", "x", "--store", fresh.toString(), "--bootstrap",
                broker.bootstrapServers(), "--kafka-config", kafka.toString(), "--model", "toy");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of("netbend: topic no.such.topic does not exist on the Kafka broker at "
                + broker.bootstrapServers() + "; start the service (netbend serve) or create the topics"),
                run.err().strip().lines().toList());
        assertFalse(Files.exists(fresh), "nothing uploaded");
    }

    private static String lastRequest(String key) {
        return RequestsTopic.lastValue(broker.bootstrapServers(), Topics.DEFAULT.requests(), key, WAIT);
    }
}
