package org.netbend.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.netbend.bend.BendSpec;
import org.netbend.farm.ClusterRender;
import org.netbend.farm.JobEvent;
import org.netbend.farm.JobRequest;
import org.netbend.farm.LocalProgress;
import org.netbend.farm.LocalRender;
import org.netbend.farm.PromptCue;
import org.netbend.farm.RunOptions;
import org.netbend.plan.AudioDecoder;
import org.netbend.plan.AudioInfo;
import org.netbend.store.ObjectStore;
import org.netbend.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    @Parameters(index = "0", paramLabel = "AUDIO", description = "wav, mp3, flac, ogg, opus, m4a ...")
    Path audio;

    @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "The prompt (from time 0).")
    String prompt;

    @Option(names = "--job", paramLabel = "FILE.yaml",
            description = "Settings, prompts and bends from a YAML job file (see configs/presets); options given here win.")
    Path jobFile;

    @Option(names = "--prompt-at", paramLabel = "SECONDS=TEXT",
            description = "A further prompt that takes over at SECONDS; repeat for a timeline.")
    Map<Double, String> laterPrompts = new TreeMap<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.mp4", description = "The video to write.")
    Path output;

    @Option(names = "--bend", paramLabel = "SPEC", description = "OP[(ARGS)]@LAYER[:TARGET]=SOURCE, repeatable; "
            + "e.g. rotate-r1@40=rms[0..2pi]. See pipeline/bend/README.md.")
    List<String> bends = new ArrayList<>();

    @Option(names = "--fps", defaultValue = "20", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--size", paramLabel = "WxH", description = "Image size, multiples of 8 (default: the model's).")
    String size;

    @Option(names = "--steps", defaultValue = "50", description = "Sampler steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--guidance", defaultValue = "7.5", description = "Classifier-free guidance (default: ${DEFAULT-VALUE}).")
    double guidance;

    @Option(names = "--seed", defaultValue = "46", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--negative", defaultValue = "", paramLabel = "TEXT", description = "Negative prompt.")
    String negative;

    @Option(names = "--scheduler", defaultValue = "ddim", description = "ddim or euler (default: ${DEFAULT-VALUE}).")
    String scheduler;

    @Option(names = "--method", defaultValue = "txt2img",
            description = "txt2img (noise walk) or img2img (each frame from the previous; default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--strength", defaultValue = "0.5", description = "img2img strength (default: ${DEFAULT-VALUE}).")
    double strength;

    @Option(names = "--walk", defaultValue = "code",
            description = "Noise walk: code (base + w * walk), paper (A sin + B cos) or independent (default: ${DEFAULT-VALUE}).")
    String walk;

    @Option(names = "--walk-length", defaultValue = "0.2pi", paramLabel = "RADIANS",
            description = "Angle the code walk covers over the video (default: ${DEFAULT-VALUE}).")
    String walkLength;

    @Option(names = "--walk-weight", defaultValue = "0.3", description = "Weight w of the code walk (default: ${DEFAULT-VALUE}).")
    double walkWeight;

    @Option(names = "--walk-frames", defaultValue = "100", description = "Frames per cycle of the paper walk (default: ${DEFAULT-VALUE}).")
    int walkFrames;

    @Option(names = "--interpolation", defaultValue = "linear",
            description = "Between timed prompts: linear or slerp (default: ${DEFAULT-VALUE}).")
    String interpolation;

    @Option(names = "--segment-length", defaultValue = "40", description = "Frames per segment (default: ${DEFAULT-VALUE}).")
    int segmentLength;

    @Option(names = "--chain-overlap", defaultValue = "8",
            description = "img2img: frames re-run before each segment so chains continue (default: ${DEFAULT-VALUE}).")
    int chainOverlap;

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
        AudioInfo info = probeAudio();
        checkOutput();
        JobFile job = jobFile == null ? null : JobFile.read(jobFile);
        if (job != null) {
            applyJobFile(job);
        }
        List<BendSpec> parsed = new ArrayList<>(job == null ? List.of() : job.bends());
        parsed.addAll(BendArguments.parse(bends));
        List<PromptCue> cues = prompts(job);
        int[] widthHeight = Sizes.parse(size);
        String model = modelOptions.chosen(env, err);
        JobRequest request = new JobRequest(JobRequest.SCHEMA_VERSION, audioKey(), audio.getFileName().toString(),
                cues, negative, interpolation, parsed.stream().map(BendSpec::canonical).toList(), fps, steps,
                guidance, seed, widthHeight[0], widthHeight[1], scheduler, method, strength, chainOverlap, walk,
                Numbers.parse("--walk-length", walkLength), walkWeight, walkFrames, model, segmentLength);
        try {
            request.validated();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }

        modelOptions.resolve(model, env, err);
        String storeLocation = store != null ? store : env.store();
        try (ObjectStore objects = Stores.open(storeLocation, env.variables())) {
            if (!objects.exists(request.audioKey())) {
                objects.putFile(request.audioKey(), audio);
            }
            RunOptions run = new RunOptions(storeLocation, parallelism, force, device, threads, batch,
                    modelOptions.cacheDir(env).resolve("models").toString());
            err.printf(Locale.ROOT, "netbend: job %s, %.1f s of audio at %s fps, kept in %s%n", request.jobId(),
                    info.durationSeconds(), Numbers.format(fps), objects.describe());

            ProgressBar bar = new ProgressBar(err, System.console() != null, "rendering");
            FrameCounter frames = new FrameCounter(bar);
            JobEvent done;
            try (AutoCloseable live = LocalProgress.subscribe(request.jobId(), frames::frame)) {
                done = cluster == null ? LocalRender.run(request, run, frames::event)
                        : ClusterRender.run(cluster, request, run, frames::event);
            } finally {
                bar.finish();
            }
            Path partial = output.resolveSibling(output.getFileName() + ".part");
            try {
                objects.getFile(done.detail(), partial);
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial); // never leave half a video next to the output
            }
            spec.commandLine().getOut().println(Summary.of(output, done));
        }
        return 0;
    }

    private AudioInfo probeAudio() throws IOException {
        if (!Files.isRegularFile(audio)) {
            throw new UserError("audio file not found: " + audio);
        }
        try {
            return AudioDecoder.probe(audio);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    private void checkOutput() {
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            throw new UserError("--output must end in .mp4, got " + output);
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError("--output folder does not exist: " + parent);
        }
    }

    /** Settings from the job file, for every option the command line did not give. */
    private void applyJobFile(JobFile job) {
        ParseResult given = spec.commandLine().getParseResult();
        Map<String, Consumer<String>> textOptions = Map.of(
                "negative", v -> negative = v, "method", v -> method = v, "size", v -> size = v,
                "scheduler", v -> scheduler = v, "walk", v -> walk = v, "walk-length", v -> walkLength = v,
                "interpolation", v -> interpolation = v);
        textOptions.forEach((key, setter) -> {
            if (job.has(key) && !given.hasMatchedOption("--" + key)) {
                setter.accept(job.text(key));
            }
        });
        Map<String, DoubleConsumer> numberOptions = Map.of(
                "fps", v -> fps = v, "steps", v -> steps = (int) v, "guidance", v -> guidance = v,
                "seed", v -> seed = (long) v, "strength", v -> strength = v, "walk-weight", v -> walkWeight = v,
                "walk-frames", v -> walkFrames = (int) v, "segment-length", v -> segmentLength = (int) v,
                "chain-overlap", v -> chainOverlap = (int) v);
        numberOptions.forEach((key, setter) -> {
            if (job.has(key) && !given.hasMatchedOption("--" + key)) {
                setter.accept(job.number(key));
            }
        });
    }

    private List<PromptCue> prompts(JobFile job) {
        List<PromptCue> cues = new ArrayList<>();
        if (prompt != null) {
            cues.add(new PromptCue(0, prompt));
            if (job != null) {
                job.prompts().stream().filter(c -> c.at() > 0).forEach(cues::add);
            }
        } else if (job != null && !job.prompts().isEmpty()) {
            cues.addAll(job.prompts());
        } else {
            throw new UserError("a prompt is needed: -p TEXT, or prompt: in a --job file");
        }
        laterPrompts.forEach((at, text) -> {
            if (at <= 0) {
                throw new UserError("--prompt-at " + at + ": later prompts need a time > 0; use -p for time 0");
            }
            cues.add(new PromptCue(at, text));
        });
        cues.sort(java.util.Comparator.comparingDouble(PromptCue::at));
        if (cues.get(0).at() > 0) {
            throw new UserError("the first prompt must start at 0 s, got " + cues.get(0).at());
        }
        return cues;
    }

    /** Audio is stored once per content (audio/{sha256}.ext), so the same track is never uploaded twice. */
    private String audioKey() throws IOException {
        String name = audio.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "") : "";
        return "audio/" + sha256(audio) + extension;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
