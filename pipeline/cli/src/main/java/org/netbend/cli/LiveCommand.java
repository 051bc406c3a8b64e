package org.netbend.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.netbend.job.SamplerName;
import org.netbend.live.DeviceInput;
import org.netbend.live.FileInput;
import org.netbend.live.FrameSink;
import org.netbend.live.JpegFrames;
import org.netbend.live.LiveClock;
import org.netbend.live.LiveInput;
import org.netbend.live.LiveInputException;
import org.netbend.live.LiveLoop;
import org.netbend.live.LiveReport;
import org.netbend.live.LiveSettings;
import org.netbend.live.MidiKnobs;
import org.netbend.live.PlaybackClock;
import org.netbend.live.PushedAudio;
import org.netbend.live.RealTimeClock;
import org.netbend.live.SessionRecorder;
import org.netbend.plan.AnalysisOptions;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.studio.BearerToken;
import org.netbend.studio.LiveServer;
import org.netbend.studio.LiveSession;
import org.netbend.studio.LiveStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Bend the network in real time to a playing track or an audio input.",
        description = {"Bend the network in real time to a playing track, the page's microphone or the machine's",
            "audio input, with MIDI knobs as sources (ccN@ctl). Frames are rendered continuously from one warm",
            "model; a late frame is skipped, not queued. The live page (printed address, 127.0.0.1) shows the",
            "frames and changes the prompt and the bends while it runs: with AUDIO it plays the file, without",
            "AUDIO or --input it streams its microphone. --headless plays AUDIO on the loop's own clock with no",
            "page. --record DIR keeps the performance as a job file that `render --job` plays back",
            "frame-exactly at full quality."},
        footer = {"", "Examples:",
            "  netbend live drums.wav -p \"3D mesh geometry\" --bend \"add@0=rms[0..2]\"",
            "  netbend live -p forest --record session2",
            "  netbend live drums.wav --headless -p \"3D mesh geometry\" \\",
            "      --bend \"rotate-r1@0=rms[0..2pi]\" --record session1",
            "  netbend render --job session1/session.yaml \\",
            "      --size 512x512 --steps 30 -o session1.mp4",
            "  netbend live --input \"USB Audio\" --midi \"nanoKONTROL2\" -p forest \\",
            "      --bend \"multiply@0=cc7@ctl[1..1.5]|input(0,127)\""})
public final class LiveCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin ModelOptions modelOptions;

    @Parameters(arity = "0..1", paramLabel = "AUDIO", description = "A file to play (in the page, or with --headless).")
    Path audio;

    @Option(names = "--headless", description = "No page: play AUDIO on the loop's own clock.")
    boolean headless;

    @Mixin PageOptions page;

    @Option(names = "--input", paramLabel = "NAME", description = "Listen to this audio input device instead of a file.")
    String input;

    @Option(names = "--midi", paramLabel = "NAME", description = "A MIDI input device whose knobs bends read as ccN@ctl; repeatable.")
    List<String> midi = new ArrayList<>();

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT",
            description = "The prompt to start from; the control API changes it while running.")
    String prompt;

    @Option(names = "--bend", paramLabel = "SPEC", description = "A bend, as render takes it (live features and ccN@ctl); repeatable.")
    List<String> bends = new ArrayList<>();

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "256x256", description = "Frame size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1", description = "Sampler steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--scheduler", paramLabel = "NAME", defaultValue = "lcm", description = "Sampler (default: ${DEFAULT-VALUE}).")
    String scheduler;

    @Option(names = "--guidance", paramLabel = "G", defaultValue = "1", description = "CFG scale; 1 skips the unconditional pass (default: ${DEFAULT-VALUE}).")
    double guidance;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "24", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the starting noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "ONNX Runtime threads (default: all cores).")
    int threads;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu", description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--record", paramLabel = "DIR", description = "Record the session (audio, lanes, prompts, session.yaml) into a new folder.")
    Path record;

    @Option(names = "--frames-out", paramLabel = "DIR", description = "Write each rendered frame as DIR/NNNNNN.jpg.")
    Path framesOut;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (audio != null && input != null) {
            throw new UserError("give AUDIO or --input NAME, not both");
        }
        if (headless && audio == null && input == null) {
            throw new UserError("--headless needs AUDIO or --input NAME (the page's microphone needs the page)");
        }
        BearerToken token = headless ? null : page.token();
        int[] wh = Sizes.parse(size);
        LiveSettings settings;
        try {
            settings = LiveSettings.defaults().withFps(fps).withSize(wh[0], wh[1]).withSteps(steps)
                    .withScheduler(SamplerName.of(scheduler).spelling()).withGuidance(guidance);
        } catch (IllegalArgumentException e) { // InvalidRequestException for the scheduler too
            throw new UserError(e.getMessage());
        }
        BendArguments.parse(bends); // the parser's message with the span marked, before anything opens
        if (audio != null) {
            InputFiles.checkAudio(audio);
        }
        if (record != null && Files.isDirectory(record)) {
            try (var entries = Files.list(record)) {
                if (entries.findAny().isPresent()) {
                    throw new UserError("--record " + record + " is not empty; give a new or empty folder");
                }
            }
        }
        if (framesOut != null) {
            Files.createDirectories(framesOut);
        }
        int rate = AnalysisOptions.DEFAULT_SAMPLE_RATE;
        MidiKnobs knobs = new MidiKnobs();
        LiveInput source;
        LiveClock clock = new RealTimeClock();
        PlaybackClock playback = null;
        PushedAudio microphone = null;
        try {
            for (String device : midi) {
                knobs.connect(device);
            }
            if (audio == null && input == null) {
                microphone = new PushedAudio(rate, "the page's microphone");
                source = microphone;
                clock = microphone;
            } else {
                source = audio != null ? FileInput.open(audio, rate) : DeviceInput.open(input, rate);
                if (audio != null && !headless) {
                    playback = new PlaybackClock();
                    clock = playback;
                }
            }
        } catch (LiveInputException e) {
            knobs.close();
            throw new UserError(e.getMessage());
        }
        Path modelDir;
        try {
            Environment env = Environment.system();
            modelDir = modelOptions.resolve(modelOptions.chosen(env, err), env, err);
        } catch (Exception | Error e) {
            source.close();
            knobs.close();
            throw e;
        }
        SessionRecorder recorder = null;
        LiveServer server = null;
        LiveReport report;
        StableDiffusion model = StableDiffusion.open(modelDir, RuntimeOptions.cpu().withDevice(device).withThreads(threads));
        try {
            recorder = record == null ? null : new SessionRecorder(record, settings, rate);
            FrameSink files = framesOut == null ? FrameSink.NONE : new JpegFrames(framesOut);
            LiveStream stream = headless ? null : new LiveStream(settings.fps());
            FrameSink sink = stream == null ? files : frame -> {
                stream.accept(frame);
                files.accept(frame);
            };
            LiveLoop live;
            try {
                live = new LiveLoop(model, settings, clock, source, knobs, sink, recorder, prompt, bends);
            } catch (IllegalArgumentException e) {
                if (stream != null) {
                    stream.close();
                }
                throw new UserError(e.getMessage());
            }
            if (stream != null) {
                server = LiveServer.start(page.host, page.port, token, new LiveSession(live, prompt, microphone,
                        playback, headless ? null : audio), stream);
                if (page.newToken) {
                    err.println("netbend: the page's token (shown once): " + token.reveal());
                }
                spec.commandLine().getOut().println("netbend live at " + page.address(server.port())
                        + (token != null ? " (open it once as /?token=TOKEN)" : ""));
                spec.commandLine().getOut().flush();
            }
            Thread loopThread = Thread.currentThread();
            Thread stopper = new Thread(() -> {
                live.stop();
                try {
                    loopThread.join(5000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "netbend-live-stop");
            Runtime.getRuntime().addShutdownHook(stopper); // Ctrl-C ends the session after the current frame
            err.println("netbend: live from " + source.describe() + " at " + settings.fps() + " fps, "
                    + settings.width() + "x" + settings.height() + ", " + settings.steps() + " step(s) of "
                    + settings.scheduler());
            report = live.run();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us to finish the recording below
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (recorder != null) {
                recorder.close();
            }
            source.close();
            knobs.close();
            model.close();
        }
        err.println("netbend: live: " + report.summary());
        if (record != null) {
            err.println("netbend: recorded to " + record + "; render it with: ./netbend render --job "
                    + record.resolve("session.yaml") + " -o out.mp4");
        }
        return report.ended().startsWith("input device") ? 1 : 0;
    }
}
