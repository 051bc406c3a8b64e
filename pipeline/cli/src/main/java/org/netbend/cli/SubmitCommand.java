package org.netbend.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobRequest;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.netbend.job.Submission;
import org.netbend.plan.AudioInfo;
import org.netbend.service.KafkaSettings;
import org.netbend.service.client.AudioUpload;
import org.netbend.service.client.BrokerCheck;
import org.netbend.service.client.JobClient;
import org.netbend.service.client.Submitted;
import org.netbend.store.ObjectStore;
import org.netbend.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Send a render request to a netbend service over Kafka; print its job id.",
        customSynopsis = {"netbend submit AUDIO... | FOLDER [render's options]",
            "                      [--bootstrap HOST:PORT] [--store DIR|s3://BUCKET/PREFIX]",
            "                      [--wait] [OPTIONS]"},
        description = {"The track is uploaded once to the service's store (content-addressed); the request is "
            + "built exactly as render builds it, with the digest of the model the service recorded in the store, "
            + "so the same options give the same job id and render's frames are reused. Several tracks (or a "
            + "folder) send one request per track and print one job id per line, in track order."},
        footer = {"", "Examples:",
            "  netbend submit drums.wav -p \"3D mesh geometry\" \\",
            "      --bend \"rotate-r1@40=rms[0..2pi]\" --bootstrap 127.0.0.1:9092 --wait",
            "  netbend submit song.flac --job configs/presets/paper-piano-mesh-r1.yaml \\",
            "      --store s3://studio/netbend --priority 5"})
public final class SubmitCommand implements Callable<Integer> {
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    /** How long the broker has to answer before the track is uploaded. */
    static final Duration BROKER_CHECK = Duration.ofSeconds(5);

    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;

    @Mixin TrackOptions track;

    @Option(names = "--model", paramLabel = "NAME",
            description = "A model the service offers. Default: $NETBEND_MODEL, else toy (as for render).")
    String model;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "The service's store, where the track is uploaded. Default: $NETBEND_STORE, else ./netbend-store.")
    String store;

    @Mixin KafkaOptions kafka;

    @Option(names = "--job-id", paramLabel = "ID",
            description = "The job's id, [A-Za-z0-9._-]{1,64}. Default: the request's content id (as render's).")
    String jobId;

    @Option(names = "--priority", defaultValue = "1", paramLabel = "N",
            description = "The job's weight when slots choose their next segment, 1..100 (default: ${DEFAULT-VALUE}).")
    int priority;

    @Option(names = "--output", paramLabel = "KEY.mp4", description = "Also copy the video to this key of the store: "
            + "videos/NAME.mp4 (ASCII letters, digits and . _ - + = @ ,), never replacing another video.")
    String output;

    @Option(names = "--album-video", paramLabel = "FILE.mp4", description = "With --wait and several tracks: "
            + "join the tracks' videos from the store in order (stream copy), one chapter per track.")
    Path albumVideo;

    @Option(names = "--wait", description = "Follow the job with a progress bar and print its result; the exit code "
            + "says how it ended (0 DONE, 2 REJECTED, 1 FAILED or CANCELLED).")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "86400",
            description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Environment env = Environment.system();
        KafkaSettings settings = kafka.settings(env);
        AlbumTracks tracks = track.tracks();
        AlbumChecks.refuseTrackOptions(spec.commandLine().getParseResult(), tracks, "--job-id", "--output", "--stem",
                "--midi");
        if (albumVideo != null && !wait) {
            throw new UserError("--album-video needs --wait: the videos are joined once every track is DONE");
        }
        String chosen = ModelOptions.chosen(model, env, err);
        List<AlbumTracks.Track> list = tracks.tracks();
        List<TrackOptions.TrackRequest> built = track.requests(list, chosen, err);
        List<AudioInfo> infos = built.stream().map(TrackOptions.TrackRequest::info).toList();
        String storeLocation = store != null ? store : env.store();
        List<Submission> submissions = built.stream().map(b -> submission(b.request())).toList(); // checked early
        List<SourceFiles> sources = built.stream().map(TrackOptions.TrackRequest::sources).toList();
        AlbumChecks.distinctJobs(list, submissions.stream().map(Submission::request).toList());
        if (albumVideo != null) {
            AlbumChecks.joinable(list, infos, submissions.stream().map(Submission::request).toList());
            new OutputFiles().output("--album-video", albumVideo).check();
        }

        for (int i = 0; i < list.size(); i++) {
            TrackOptions.noteUnread(submissions.get(i).request(), list.get(i), tracks.album(), err); // checks passed
        }
        BrokerCheck.require(settings, BROKER_CHECK); // one line naming the broker, before anything is uploaded
        // The model's digest as the service recorded it: the job id is then render's for the same files.
        Optional<String> digest = ServiceModel.digest(storeLocation, env, chosen, err);
        try (ObjectStore objects = Stores.open(storeLocation, env.variables())) {
            // A named encoder is pinned to its stored content: the job id follows its weights.
            submissions = built.stream().map(b -> submission(EncoderPins.pinned(objects,
                    digest.map(d -> b.request().withModelDigest(d)).orElse(b.request())))).toList();
            for (int i = 0; i < list.size(); i++) {
                AudioUpload.Uploaded upload = AudioUpload.of(objects, list.get(i).audio());
                err.println("netbend: " + list.get(i).audio().getFileName() + (upload.uploaded() ? " uploaded to "
                        : " already in ") + objects.describe() + " as " + upload.key());
                sources.get(i).upload(objects).forEach(line -> err.println("netbend: " + line));
            }
        }
        if (tracks.album()) {
            submissions = AlbumLabel.label(submissions); // one id on every track's request: lists group them
        }
        try (JobClient client = new JobClient(settings)) {
            List<Submitted> sent = new ArrayList<>();
            for (Submission submission : submissions) {
                sent.add(client.submit(submission, SEND_TIMEOUT));
                out.println(submission.jobId());
                out.flush();
            }
            if (!wait) {
                return 0;
            }
            StopNote.set("The service goes on with " + (sent.size() == 1 ? "job " + sent.get(0).jobId()
                    : sent.size() + " jobs") + "; netbend watch JOBID follows it again, and running the same command "
                    + "again sends the same request, which resumes from the stored frames.");
            if (!tracks.album() && albumVideo == null) {
                return Follow.toResult(spec.commandLine(), bar -> client.watch(sent.get(0), bar, timeout()));
            }
            Map<String, JobResult> results = followAlbum(client, list, infos, sent, submissions);
            int code = 0;
            for (JobResult result : results.values()) {
                code = Math.max(code, ResultReport.print(result, out, err)); // 2 REJECTED over 1 FAILED over 0
            }
            if (code == 0 && albumVideo != null) {
                try (ObjectStore objects = Stores.open(storeLocation, env.variables())) {
                    AlbumDownload.join(objects, list, List.copyOf(results.values()), albumVideo, out);
                }
            }
            return code;
        }
    }

    /** Follows every track's job on one album bar, to the results. */
    private Map<String, JobResult> followAlbum(JobClient client, List<AlbumTracks.Track> list, List<AudioInfo> infos,
            List<Submitted> sent, List<Submission> submissions) {
        List<Integer> frames = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            frames.add((int) Math.ceil(infos.get(i).durationSeconds() * submissions.get(i).request().fps()));
        }
        AlbumProgress progress = new AlbumProgress(spec.commandLine().getErr(), System.console() != null,
                sent.stream().map(Submitted::jobId).toList(), list.stream().map(AlbumTracks.Track::title).toList(),
                frames);
        try {
            return client.watchAll(sent, event -> progress.service(event.jobId()).progress(event),
                    result -> progress.ended(result.jobId(), result.state() == JobState.DONE
                            ? "DONE, " + result.frames() + " frames" : result.state() + ": " + result.reason()),
                    timeout());
        } finally {
            progress.finish();
        }
    }

    private Submission submission(JobRequest request) {
        try {
            return new Submission(jobId != null ? jobId : request.jobId(), priority, output, request);
        } catch (InvalidRequestException e) {
            throw new UserError(OptionNames.inMessage(e));
        }
    }

    private Duration timeout() {
        return Numbers.seconds("--timeout", timeoutSeconds);
    }
}
