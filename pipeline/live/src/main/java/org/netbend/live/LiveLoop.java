package org.netbend.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendProgram;
import org.netbend.bend.BendSpec;
import org.netbend.bend.BendSpecException;
import org.netbend.bend.SiteBends;
import org.netbend.core.FeatureNames;
import org.netbend.core.RgbImage;
import org.netbend.core.SiteEdit;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.LiveAnalysis;
import org.netbend.render.FrameRequest;
import org.netbend.render.InitialNoise;
import org.netbend.render.StableDiffusion;
import org.netbend.render.StageTimings;

/**
 * The live frame loop: one warm model, the audio heard so far, the bends, one frame at a time. Frame n shows the
 * audio of [n/fps, (n+1)/fps) and is due when that audio has been heard. When the loop gets to a frame after the
 * next one is due too, it skips to the newest heard frame: a late frame is skipped, never queued, so latency stays
 * one frame's render time whatever happened before.
 *
 * <p>Controls ({@link #addBend}, {@link #editBend}, {@link #removeBend}, {@link #changePrompt}) may be called from
 * any thread: a bend is parsed and checked at once (a refusal keeps the session as it was and returns the parser's
 * message and span) and the change takes effect at the next frame. A change whose site bends need a U-Net session
 * the model does not have is answered {@link ControlResult#preparing}: the session is built off the loop
 * ({@link SiteSessions}), the loop renders on with the old bends, and the change (and the bend changes after it,
 * in order) takes effect at the first frame after the build, announced by a {@link ControlEvent}. Owns the model,
 * the input and the knobs.
 */
public final class LiveLoop implements AutoCloseable {
    private final StableDiffusion model;
    private final LiveSettings settings;
    private final LiveClock clock;
    private final LiveInput input;
    private final MidiKnobs knobs;
    private final FrameSink sink;
    private final SessionRecorder recorder;
    private final LiveAnalysis analysis;
    private final InitialNoise noise;
    private final KnobHistory knobHistory = new KnobHistory();
    private final PromptSchedule prompts;
    private final Queue<IntConsumer> pending = new ConcurrentLinkedQueue<>();
    private final Queue<BendChange> bendChanges = new ConcurrentLinkedQueue<>();
    private final SiteSessions sites;
    private List<String> siteNames; // read on first use: only site bends need the U-Net graph
    private volatile Consumer<ControlEvent> events = event -> { };
    private final AtomicInteger nextId = new AtomicInteger();
    private volatile List<LiveBend> bends = List.of();
    private BendProgram program = BendProgram.EMPTY;
    private Set<String> read = Set.of();
    private volatile boolean stopped;

    /**
     * @param recorder null for no recording
     * @throws IllegalArgumentException for a bend that cannot be live (the parser's message)
     */
    public LiveLoop(StableDiffusion model, LiveSettings settings, LiveClock clock, LiveInput input, MidiKnobs knobs,
            FrameSink sink, SessionRecorder recorder, String prompt, List<String> bendSpecs) {
        this.model = model;
        this.settings = settings;
        this.clock = clock;
        this.input = input;
        this.knobs = knobs;
        this.sink = sink;
        this.recorder = recorder;
        this.analysis = new LiveAnalysis(new AnalysisOptions(settings.fps(), input.sampleRate(),
                AnalysisOptions.defaults(settings.fps()).window(), LiveAnalysis.liveFeatures()));
        this.noise = InitialNoise.paperWalk(settings.walkFrames());
        this.prompts = new PromptSchedule(prompt, settings.fps());
        this.sites = new SiteSessions(model.siteModels());
        List<LiveBend> initial = new ArrayList<>();
        for (String text : bendSpecs) {
            initial.add(new LiveBend(nextId.getAndIncrement(), checked(text)));
        }
        sites.buildNow(SiteSessions.editsOf(initial, settings.seed())); // before the clock: nothing plays yet
        install(initial);
    }

    /** Where the second answers to {@link ControlResult#preparing} controls go (called on the loop's thread). */
    public void onControlEvent(Consumer<ControlEvent> listener) {
        events = listener == null ? event -> { } : listener;
    }

    // ---- controls (any thread) ----

    /** Adds a bend at the next frame; refused with the parser's message when it does not parse or cannot be live. */
    public ControlResult addBend(String text) {
        return parsed(text, spec -> {
            int id = nextId.getAndIncrement();
            return queue(new BendChange(id, now -> {
                List<LiveBend> next = new ArrayList<>(now);
                next.add(new LiveBend(id, spec));
                return next;
            }));
        });
    }

    /** Replaces bend {@code id} (the new one gets a new id); a refusal keeps the old bend. */
    public ControlResult editBend(int id, String text) {
        if (bends.stream().noneMatch(b -> b.id() == id)) {
            return ControlResult.refused("no bend " + id + "; bends: " + ids(), -1, -1);
        }
        return parsed(text, spec -> {
            int newId = nextId.getAndIncrement();
            return queue(new BendChange(newId, now -> {
                List<LiveBend> next = new ArrayList<>(now);
                next.replaceAll(b -> b.id() == id ? new LiveBend(newId, spec) : b);
                return next;
            }));
        });
    }

    public ControlResult removeBend(int id) {
        if (bends.stream().noneMatch(b -> b.id() == id)) {
            return ControlResult.refused("no bend " + id + "; bends: " + ids(), -1, -1);
        }
        return queue(new BendChange(id, now -> {
            List<LiveBend> next = new ArrayList<>(now);
            next.removeIf(b -> b.id() == id);
            return next;
        }));
    }

    /** A change of the bend list, applied in order at a frame boundary; {@code bendId} names it in its answers. */
    private record BendChange(int bendId, UnaryOperator<List<LiveBend>> apply) { }

    /** Queues a change; the answer says when it needs a site session built first (judged on the bends live now). */
    private ControlResult queue(BendChange change) {
        List<SiteEdit> edits = SiteSessions.editsOf(change.apply().apply(bends), settings.seed());
        bendChanges.add(change);
        if (sites.ready(edits)) {
            return ControlResult.ok(change.bendId());
        }
        return ControlResult.preparing(change.bendId(), "preparing the U-Net with site bends at "
                + edits.stream().map(SiteEdit::site).toList() + " (seconds); the old bends play until it is built");
    }

    /** Crossfades the prompt's embedding to {@code text} over the settings' fade frames, from the next frame. */
    public void changePrompt(String text) { changePrompt(text, settings.fadeFrames()); }

    public void changePrompt(String text, int fadeFrames) {
        if (text == null || fadeFrames < 1) {
            throw new IllegalArgumentException("a prompt change needs a text and a fade of at least 1 frame");
        }
        pending.add(frame -> prompts.change(text, frame, fadeFrames));
    }

    /** The bends live now (changes still pending are not in it). */
    public List<LiveBend> bends() { return bends; }

    /** Ends the session after the current frame. */
    public void stop() {
        stopped = true;
        clock.stop();
    }

    public LiveSettings settings() { return settings; }

    // ---- the loop ----

    /** Runs until the input ends, fails or {@link #stop} is called; the report says which. */
    public LiveReport run() throws InterruptedException, IOException {
        double fps = settings.fps();
        float[] block = new float[8192];
        List<Double> latencies = new ArrayList<>();
        long[] stageNanos = new long[LiveReport.Stage.values().length];
        long[] modelBefore = modelNanos();
        int rendered = 0;
        int skipped = 0;
        boolean ended = false;
        String reason = "stopped";
        int n = 0;
        warmUp();
        clock.start();
        while (true) {
            if (stopped) {
                break;
            }
            for (IntConsumer change = pending.poll(); change != null; change = pending.poll()) {
                change.accept(n);
            }
            applyBendChanges(n);
            double due = (n + 1) / fps;
            clock.sleepUntil(due);
            if (stopped) {
                break;
            }
            double now = clock.now();
            long t0 = System.nanoTime();
            try {
                ended = ended || hear(block, now);
            } catch (LiveInputException gone) {
                reason = gone.getMessage();
                break;
            }
            int total = ended ? analysis.framesReady() : Integer.MAX_VALUE;
            if (n >= total) {
                reason = "the input ended";
                break;
            }
            int newest = (int) Math.min(total - 1L, (long) Math.floor(now * fps) - 1);
            if (newest > n) { // late: the newest heard frame, not the backlog
                skipped += newest - n;
                n = newest;
                due = (n + 1) / fps;
            }
            knobHistory.advance(analysis.framesReady(), knobs);
            long t1 = System.nanoTime();
            FeatureTrack heard = withKnobs(analysis.track(read));
            double[][] params = LiveParameters.of(bends, heard);
            long t2 = System.nanoTime();
            RgbImage image = model.generate(new FrameRequest(prompts.at(n), "", settings.steps(), settings.guidance(),
                    settings.seed(), n, settings.width(), settings.height(), noise,
                    program.forFrame(settings.seed(), n, params), null, FrameRequest.DEFAULT_STRENGTH,
                    settings.scheduler()));
            long t3 = System.nanoTime();
            clock.rendered((t3 - t0) / 1e9);
            LiveFrame frame = new LiveFrame(n, due, clock.now(), image, bends.stream().mapToInt(LiveBend::id).toArray(),
                    params);
            sink.accept(frame);
            if (recorder != null) {
                recorder.frame(n, bends, params, knobValues());
            }
            long t4 = System.nanoTime();
            stageNanos[LiveReport.Stage.FEATURES.ordinal()] += t1 - t0;
            stageNanos[LiveReport.Stage.PARAMETERS.ordinal()] += t2 - t1;
            stageNanos[LiveReport.Stage.SINK.ordinal()] += t4 - t3;
            latencies.add(clock.now() - due);
            rendered++;
            n++;
        }
        if (recorder != null) {
            recorder.prompts(prompts.prompts());
        }
        long[] modelAfter = modelNanos();
        double[] stageMillis = new double[stageNanos.length];
        stageNanos[LiveReport.Stage.UNET.ordinal()] = modelAfter[0] - modelBefore[0];
        stageNanos[LiveReport.Stage.SCHEDULER.ordinal()] = modelAfter[1] - modelBefore[1];
        stageNanos[LiveReport.Stage.BEND.ordinal()] = modelAfter[2] - modelBefore[2];
        stageNanos[LiveReport.Stage.VAE.ordinal()] = modelAfter[3] - modelBefore[3];
        for (int i = 0; i < stageMillis.length; i++) {
            stageMillis[i] = rendered == 0 ? 0 : stageNanos[i] / 1e6 / rendered;
        }
        return new LiveReport(rendered, skipped, clock.now(), latencies.stream().mapToDouble(Double::doubleValue)
                .toArray(), stageMillis, reason);
    }

    /**
     * One frame rendered and encoded before the clock starts: ONNX Runtime plans its graphs, the JIT compiles the
     * hot paths, ImageIO loads its encoder. Without it the first frames take seconds and the loop skips a second of
     * music at the start.
     */
    private void warmUp() {
        RgbImage image = model.generate(new FrameRequest(prompts.at(0), "", settings.steps(), settings.guidance(),
                settings.seed(), 0, settings.width(), settings.height(), noise,
                program.forFrame(settings.seed(), 0, LiveParameters.of(bends, withKnobs(analysis.track(read)))), null,
                FrameRequest.DEFAULT_STRENGTH, settings.scheduler()));
        JpegFrames.encode(image);
        model.timings().reset();
    }

    /** Feeds what has been heard up to {@code now} to the analysis (and the recording); true once it ended. */
    private boolean hear(float[] block, double now) throws LiveInputException, IOException {
        while (true) {
            int count = input.read(block, now);
            if (count < 0) {
                analysis.end();
                return true;
            }
            if (count == 0) {
                return false;
            }
            analysis.hear(block, count);
            if (recorder != null) {
                recorder.audio(block, count);
            }
        }
    }

    private FeatureTrack withKnobs(FeatureTrack audio) {
        Map<String, float[]> knobFeatures = knobHistory.features(audio.frameCount());
        if (knobFeatures.isEmpty()) {
            return audio;
        }
        Map<String, float[]> features = new LinkedHashMap<>(audio.features());
        features.putAll(knobFeatures);
        return new FeatureTrack(audio.fps(), audio.frameCount(), audio.durationSeconds(), audio.sampleRate(), features,
                null);
    }

    private Map<Integer, Integer> knobValues() {
        Map<Integer, Integer> values = new LinkedHashMap<>();
        for (String name : read) {
            if (FeatureNames.isLiveController(name)) {
                int cc = FeatureNames.liveController(name);
                values.put(cc, knobs.value(cc));
            }
        }
        return values;
    }

    private long[] modelNanos() {
        StageTimings t = model.timings();
        return new long[] {t.nanos(StageTimings.Stage.UNET), t.nanos(StageTimings.Stage.SCHEDULER),
            t.nanos(StageTimings.Stage.BEND), t.nanos(StageTimings.Stage.VAE_DECODE)};
    }

    /**
     * At a frame boundary: the queued bend changes in order. One that needs a site session the model lacks starts
     * its build and holds itself and the changes after it until a later boundary finds the build done; then the
     * session is adopted (the old one closed) and the change goes live with this frame.
     */
    private void applyBendChanges(int frame) {
        for (BendChange change = bendChanges.peek(); change != null; change = bendChanges.peek()) {
            List<LiveBend> next = change.apply().apply(bends);
            List<SiteEdit> edits = SiteSessions.editsOf(next, settings.seed());
            boolean swapped = false;
            if (!sites.ready(edits)) {
                if (sites.building(edits)) {
                    return; // the old bends render on
                }
                if (!sites.built(edits)) {
                    sites.prepare(edits);
                    return;
                }
                String failure = sites.adopt();
                if (failure != null) {
                    bendChanges.poll();
                    events.accept(ControlEvent.failed(change.bendId(), frame, failure));
                    continue;
                }
                swapped = true;
            }
            bendChanges.poll();
            install(next);
            if (swapped) {
                events.accept(ControlEvent.inEffect(change.bendId(), frame));
            }
        }
    }

    /** True while a site session is being built off the loop (tests wait on it). */
    boolean buildingSiteSession() { return sites.running(); }

    /** On the loop's thread: the new bends, compiled once, and the features they read. */
    private void install(List<LiveBend> next) {
        program = BendProgram.compile(next.stream().map(LiveBend::spec).toList());
        read = LiveParameters.featuresRead(next);
        for (String name : read) {
            if (FeatureNames.isLiveController(name)) {
                knobHistory.keep(FeatureNames.liveController(name));
            }
        }
        bends = List.copyOf(next);
    }

    private interface Accept {
        ControlResult apply(BendSpec spec);
    }

    private ControlResult parsed(String text, Accept accept) {
        try {
            return accept.apply(checked(text));
        } catch (BendSpecException e) {
            return ControlResult.refused(e.getMessage(), e.hasSpan() ? e.start() : -1, e.hasSpan() ? e.end() : -1);
        } catch (IllegalArgumentException e) {
            return ControlResult.refused(e.getMessage(), -1, -1);
        }
    }

    /** Parses and checks a bend as live will run it: live sources only, compiles, fits the steps. */
    private BendSpec checked(String text) {
        BendSpec spec = BendParser.parse(text == null ? "" : text);
        if (spec.atSite()) {
            SiteBends.checkSites(List.of(spec), siteNames());
        }
        LiveParameters.checkLive(spec, LiveAnalysis.liveFeatures());
        BendProgram single = BendProgram.compile(List.of(spec));
        single.checkSteps(settings.steps());
        return spec;
    }

    private synchronized List<String> siteNames() {
        if (siteNames == null) {
            siteNames = List.copyOf(model.sites());
        }
        return siteNames;
    }

    private String ids() {
        return bends.isEmpty() ? "none" : String.join(", ", bends.stream().map(b -> Integer.toString(b.id())).toList());
    }

    @Override
    public void close() {
        input.close();
        knobs.close();
        sites.close();
        model.close();
    }
}
