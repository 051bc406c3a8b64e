package org.netbend.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.bend.Sources;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;
import org.netbend.render.TimedPrompt;

/**
 * {@code --record DIR}: the heard audio (DIR/input.wav), every bend's parameter per rendered frame as a lane
 * ({@code lane:bendK}, or {@code bendK-P} for the P-th parameter; step interpolation, a point at frame n's time
 * n/fps only where the value changes), every knob a bend read as a lane {@code ccN}, the prompt timeline, and
 * DIR/session.yaml: a job file whose bends read those lanes with {@code input(lo,hi)} equal to their range, so the
 * offline render's parameter at every frame is the recorded one (to float precision: lanes are floats in PLAN).
 */
public final class SessionRecorder implements AutoCloseable {
    private final Path folder;
    private final LiveSettings settings;
    private final WavWriter audio;
    /** bend id to the bend and its points per parameter: [frame, value] where the value changed. */
    private final Map<Integer, Trace> traces = new TreeMap<>();
    private final Map<Integer, List<double[]>> knobs = new TreeMap<>();
    private List<TimedPrompt> prompts = List.of();

    /**
     * A bend's recorded values; {@code ended} once a frame was rendered without it (removed, or replaced by an
     * edit), when its lanes go to the operator's identity value.
     */
    private static final class Trace {
        final BendSpec spec;
        final List<List<double[]>> points = new ArrayList<>();
        boolean ended;

        Trace(BendSpec spec) { this.spec = spec; }
    }

    /**
     * Operators whose every runtime parameter has a value that leaves the latent as it is: x + 0, x · 1, a
     * rotation by 0, a threshold at 0. A bend of one of them added or removed mid-session is recorded with that
     * value outside its live time, so the offline render bends only while the performance did.
     */
    private static final Map<String, Double> IDENTITY = Map.ofEntries(Map.entry("add", 0.0), Map.entry("noise", 0.0),
            Map.entry("multiply", 1.0), Map.entry("threshold", 0.0), Map.entry("threshold-soft", 0.0),
            Map.entry("rotate", 0.0), Map.entry("rotate-r1", 0.0), Map.entry("rotate-r2", 0.0),
            Map.entry("rotate-r3", 0.0), Map.entry("rotate-r4", 0.0), Map.entry("rotate-so4", 0.0));

    /** The identity value of a one-operator bend's parameters, or NaN (chains, other operators). */
    static double identity(BendSpec spec) {
        if (spec.operators().size() != 1) {
            return Double.NaN;
        }
        return IDENTITY.getOrDefault(spec.operators().get(0).name(), Double.NaN);
    }

    /** @throws IOException when DIR exists and is not empty: a recording never overwrites one */
    public SessionRecorder(Path folder, LiveSettings settings, int sampleRate) throws IOException {
        if (Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("record folder " + folder + " is not empty; give a new or empty folder");
                }
            }
        }
        Files.createDirectories(folder);
        this.folder = folder;
        this.settings = settings;
        this.audio = new WavWriter(folder.resolve("input.wav"), sampleRate);
    }

    void audio(float[] samples, int count) throws IOException {
        audio.write(samples, count);
    }

    /** The values of frame n: params[b][p] of {@code bends}, and the knobs read (controller → 0..127). */
    void frame(int n, List<LiveBend> bends, double[][] params, Map<Integer, Integer> knobValues) {
        for (int b = 0; b < bends.size(); b++) {
            LiveBend bend = bends.get(b);
            Trace trace = traces.computeIfAbsent(bend.id(), id -> new Trace(bend.spec()));
            for (int p = 0; p < params[b].length; p++) {
                if (trace.points.size() <= p) {
                    List<double[]> lane = new ArrayList<>();
                    double identity = identity(bend.spec());
                    if (n > 0 && !Double.isNaN(identity)) {
                        lane.add(new double[] {0, identity}); // added mid-session: no bend before it was live
                    }
                    trace.points.add(lane);
                }
                add(trace.points.get(p), n, params[b][p]);
            }
        }
        traces.forEach((id, trace) -> {
            double identity = identity(trace.spec);
            if (!trace.ended && bends.stream().noneMatch(b -> b.id() == id)) {
                trace.ended = true; // removed or replaced: no bend from this frame on
                if (!Double.isNaN(identity)) {
                    trace.points.forEach(lane -> add(lane, n, identity));
                }
            }
        });
        knobValues.forEach((cc, value) -> add(knobs.computeIfAbsent(cc, k -> new ArrayList<>()), n, value));
    }

    void prompts(List<TimedPrompt> timeline) { prompts = List.copyOf(timeline); }

    private static void add(List<double[]> points, int frame, double value) {
        if (points.isEmpty() || points.get(points.size() - 1)[1] != value) {
            points.add(new double[] {frame, value});
        }
    }

    /** The lane name of parameter p of bend {@code id}. */
    static String laneName(int id, int p, int parameters) {
        return parameters == 1 ? "bend" + id : "bend" + id + "-" + (p + 1);
    }

    @Override
    public void close() throws IOException {
        audio.close();
        Map<String, Object> lanes = new LinkedHashMap<>();
        List<String> bends = new ArrayList<>();
        traces.forEach((id, trace) -> {
            List<String> sources = new ArrayList<>();
            List<ParameterSource> given = trace.spec.sources();
            for (int p = 0; p < given.size(); p++) {
                String name = laneName(id, p, given.size());
                lanes.put(name, lane(trace.points.get(p)));
                sources.add(replayed(given.get(p), name, identity(trace.spec)));
            }
            String text = head(trace.spec) + (sources.isEmpty() ? "" : "=" + String.join(",", sources));
            BendParser.parse(text); // what we write must read back
            bends.add(text);
        });
        knobs.forEach((cc, points) -> lanes.put("cc" + cc, lane(points)));
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("version", 1);
        job.put("audio", "input.wav"); // beside this file: `render --job DIR/session.yaml` needs no AUDIO
        job.put("prompts", prompts.stream().map(p -> {
            Map<String, Object> cue = new LinkedHashMap<>();
            cue.put("at", p.seconds());
            cue.put("text", p.prompt());
            return cue;
        }).collect(Collectors.toList()));
        job.put("interpolation", "linear");
        job.put("fps", settings.fps());
        job.put("size", settings.width() + "x" + settings.height());
        job.put("steps", settings.steps());
        job.put("scheduler", settings.scheduler());
        job.put("guidance", settings.guidance());
        job.put("seed", settings.seed());
        job.put("walk", "paper");
        job.put("walk-frames", settings.walkFrames());
        if (!lanes.isEmpty()) {
            job.put("lanes", lanes);
        }
        if (!bends.isEmpty()) {
            job.put("bends", bends);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        String header = "# Recorded by `netbend live --record`: renders the performance again, frame-exactly in time:\n"
                + "#   ./netbend render --job " + folder.resolve("session.yaml")
                + " -o out.mp4 [--size WxH --steps N --scheduler S for full quality]\n";
        Files.writeString(folder.resolve("session.yaml"), header + yaml.writeValueAsString(job));
    }

    private Map<String, Object> lane(List<double[]> points) {
        Map<String, Object> lane = new LinkedHashMap<>();
        lane.put("interpolation", "step");
        lane.put("points", points.stream().map(p -> List.of(p[0] / settings.fps(), p[1])).collect(Collectors.toList()));
        return lane;
    }

    /** The recorded lane in the parameter's own range: input(lo,hi) = the range, so value v maps to v. */
    private static String replayed(ParameterSource source, String lane, double identity) {
        Range range = null;
        if (source instanceof ParameterSource.Feature f) {
            range = f.range();
        } else if (source instanceof ParameterSource.Combined c) {
            range = c.range();
        }
        if (range == null || range.lo() == range.hi()) {
            return Sources.canonical(source);
        }
        // The identity value may lie outside the range (multiply's 1 under [1.2..2]): widen so it maps to itself.
        double low = Double.isNaN(identity) ? range.lo() : Math.min(range.lo(), identity);
        double high = Double.isNaN(identity) ? range.hi() : Math.max(range.hi(), identity);
        String lo = plain(low);
        String hi = plain(high);
        return "lane:" + lane + "[" + lo + ".." + hi + "]|input(" + lo + "," + hi + ")";
    }

    /** The bend without its sources: operators, layers, site and target as the canonical form writes them. */
    private static String head(BendSpec spec) {
        String canonical = spec.canonical();
        if (spec.sources().isEmpty()) {
            return canonical;
        }
        String sources = spec.sources().stream().map(Sources::canonical).collect(Collectors.joining(","));
        return canonical.substring(0, canonical.length() - sources.length() - 1);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
