package org.netbend.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.farm.ClusterRender;
import org.netbend.farm.LocalProgress;
import org.netbend.farm.LocalRender;
import org.netbend.farm.RunOptions;
import org.netbend.farm.SiteBendCheck;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.plan.AudioInfo;
import org.netbend.render.ModelIdentity;
import org.netbend.store.ObjectStore;
import org.netbend.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render a music-reactive video from an audio file.",
            "Runs PLAN -> RENDER -> ASSEMBLE as a Flink job on an embedded MiniCluster. Frames, features and the",
            "video are kept in the store; running the same request again finishes from the store."},
        footer = {"", "Examples:",
            "  netbend render drums.wav -p \"3D mesh geometry\" --bend \"rotate-r1@40=rms[0..2pi]\" -o drums.mp4",
            "  netbend render song.flac -p \"forest\" --prompt-at 30=\"city at night\" --bend \"add@0-10=flux[0..2]\" -o song.mp4"})
public final class RenderCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin ModelOptions modelOptions;

    @Mixin TrackOptions track;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.mp4", description = "The video to write.")
    Path output;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET/PREFIX",
            description = "Where frames and results live. Default: $NETBEND_STORE, else ./netbend-store.")
    String store;

    @Option(names = "--parallelism", defaultValue = "1", description = "Render slots (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--batch", defaultValue = "1", description = "txt2img frames per U-Net call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime threads per slot (default: cores / parallelism).")
    int threads;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--force", description = "Render again even if frames are already in the store.")
    boolean force;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Submit to this Flink cluster's REST address (see deploy/standalone) instead of an embedded one.")
    String cluster;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Environment env = Environment.system();
        AudioInfo info = track.probe();
        checkOutput();
        String model = modelOptions.chosen(env, err);
        JobRequest request = track.request(info, model);

        Preflight.audio(info);
        Preflight.parallelism(parallelism);
        Preflight.memory(request.width(), request.height(), "toy".equals(model), parallelism, batch);
        Path modelDir = modelOptions.resolve(model, env, err);
        request = request.withModelDigest(ModelIdentity.of(modelDir).sha256()); // the job id follows the model's files
        List<BendSpec> bends = request.bends().stream().map(BendParser::parse).toList();
        try {
            new SiteBendCheck().check(bends, modelDir); // unknown sites and channel targets, before any work
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        String storeLocation = store != null ? store : env.store();
        try (ObjectStore objects = Stores.open(storeLocation, env.variables())) {
            Preflight.store(objects, request.jobId());
            if (!objects.exists(request.audioKey())) {
                objects.putFile(request.audioKey(), track.audio);
            }
            RunOptions run = new RunOptions(storeLocation, parallelism, force, device, threads, batch,
                    modelOptions.cacheDir(env).resolve("models").toString());
            err.printf(Locale.ROOT, "netbend: job %s, %.1f s of audio at %s fps, kept in %s%n", request.jobId(),
                    info.durationSeconds(), Numbers.format(request.fps()), objects.describe());

            ProgressBar bar = new ProgressBar(err, System.console() != null, "rendering");
            FrameCounter frames = new FrameCounter(bar);
            JobEvent done;
            try (AutoCloseable live = LocalProgress.subscribe(request.jobId(), frames::frame)) {
                done = cluster == null ? LocalRender.run(request, run, frames::event)
                        : ClusterRender.run(cluster, request, run, frames::event);
            } finally {
                bar.finish();
            }
            Path partial = OutputFiles.partialFor(output);
            try {
                objects.getFile(done.detail(), partial);
                OutputFiles.publish(partial, output); // with the usual permissions, never over a special file
            } finally {
                Files.deleteIfExists(partial); // never leave half a video next to the output
            }
            spec.commandLine().getOut().println(Summary.of(output, done));
        }
        return 0;
    }

    private void checkOutput() {
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            throw new UserError("--output must end in .mp4, got " + output);
        }
        new OutputFiles().input("the input audio", track.audio).output("--output", output).check();
    }
}
