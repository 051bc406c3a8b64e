package org.netbend.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobRequest;
import org.netbend.job.JobResult;
import org.netbend.job.Submission;
import org.netbend.service.KafkaSettings;
import org.netbend.service.client.AudioUpload;
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
        description = {"Send a render request to a netbend service over Kafka and print its job id.",
            "The track is uploaded once to the service's store (content-addressed); the request is built exactly",
            "as render builds it, so the same options give the same job id."},
        footer = {"", "Examples:",
            "  netbend submit drums.wav -p \"3D mesh geometry\" --bend \"rotate-r1@40=rms[0..2pi]\" --bootstrap 127.0.0.1:9092 --wait",
            "  netbend submit song.flac --job configs/presets/paper-piano-mesh-r1.yaml --store s3://studio/netbend --priority 5"})
public final class SubmitCommand implements Callable<Integer> {
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

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

    @Option(names = "--output", paramLabel = "KEY.mp4", description = "Also copy the video to this key of the store.")
    String output;

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
        JobRequest request = track.request(track.probe(), ModelOptions.chosen(model, env, err));
        Submission submission = submission(request);

        try (ObjectStore objects = Stores.open(store != null ? store : env.store(), env.variables())) {
            AudioUpload.Uploaded upload = AudioUpload.of(objects, track.audio);
            err.println("netbend: " + track.audio.getFileName() + (upload.uploaded() ? " uploaded to " : " already in ")
                    + objects.describe() + " as " + upload.key());
            track.sources.upload(objects).forEach(line -> err.println("netbend: " + line));
        }
        try (JobClient client = new JobClient(settings)) {
            Submitted submitted = client.submit(submission, SEND_TIMEOUT);
            out.println(submitted.jobId());
            out.flush();
            if (!wait) {
                return 0;
            }
            return Follow.toResult(spec.commandLine(), bar -> client.watch(submitted, bar, timeout()));
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
