package org.netbend.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.netbend.bend.BendSpec;
import org.netbend.core.Lane;
import org.netbend.core.LaneTime;
import org.netbend.job.LaneFields;
import org.netbend.job.Method;
import org.netbend.job.NoiseWalk;
import org.netbend.job.PromptInterpolation;
import org.netbend.job.RequestBuilder;
import org.netbend.job.SamplerName;
import picocli.CommandLine.Option;

/**
 * The options that decide the frames, shared by {@code render} and {@code submit}. An option left out is null
 * and leaves the builder's value (a job file's, else the default), so the command line wins over a job file
 * and defaults live in {@link RequestBuilder} only.
 */
final class RequestOptions {
    @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "The prompt (from time 0).")
    String prompt;

    @Option(names = "--prompt-at", paramLabel = "SECONDS=TEXT",
            description = "A further prompt that takes over at SECONDS (or M:SS, e.g. 1:30); repeat for a timeline.")
    List<String> laterPrompts = new ArrayList<>();

    @Option(names = "--bend", paramLabel = "SPEC", description = "OP[(ARGS)]@LAYER[:TARGET]=SOURCE, repeatable; "
            + "e.g. rotate-r1@40=rms[0..2pi]. See pipeline/bend/README.md. Replaces a job file's bends.")
    List<String> bends = new ArrayList<>();

    @Option(names = "--add-bend", paramLabel = "SPEC",
            description = "A bend added after the job file's bends (and after --bend), repeatable.")
    List<String> addedBends = new ArrayList<>();

    @Option(names = "--lane", paramLabel = "NAME[:INTERP]=SCHEDULE", description = "A drawn parameter, read by bends "
            + "as lane:NAME, e.g. swell=\"0:(0), 4.5:(1.2), 9:(0)\" (TIME:(VALUE); TIME in seconds, m:ss or beats "
            + "like 8b); INTERP step, linear (default) or cubic; repeatable.")
    List<String> lanes = new ArrayList<>();

    @Option(names = "--codes", paramLabel = "ENCODER", description = "The audio encoder whose code(N) bends read: "
            + "pca(D), D in 1..40, fitted on the track, or encoder:NAME, one stored by analyze --save-encoder NAME "
            + "(default: none).")
    String codes;

    @Option(names = "--fps", paramLabel = "N", description = "Frames per second (default: " + RequestBuilder.DEFAULT_FPS + ").")
    Double fps;

    @Option(names = "--size", paramLabel = "WxH", description = "Image size, multiples of 8 (default: the model's).")
    String size;

    @Option(names = "--steps", paramLabel = "N", description = "Sampler steps (default: " + RequestBuilder.DEFAULT_STEPS + ").")
    Integer steps;

    @Option(names = "--guidance", paramLabel = "G",
            description = "Classifier-free guidance (default: " + RequestBuilder.DEFAULT_GUIDANCE + ").")
    Double guidance;

    @Option(names = "--seed", paramLabel = "N", description = "Seed; -1 draws one, printed and recorded in the request (default: "
            + RequestBuilder.DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--negative", paramLabel = "TEXT", description = "Negative prompt.")
    String negative;

    @Option(names = "--scheduler", paramLabel = "NAME", description = "ddim, euler, euler-ancestral, dpm++2m, dpm++2m-karras or lcm "
            + "(default: ddim); ComfyUI's and A1111's names work too (dpmpp_2m, \"DPM++ 2M Karras\", \"Euler a\").")
    String scheduler;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "txt2img (noise walk) or img2img (each frame from the previous; default: txt2img).")
    String method;

    @Option(names = "--strength", paramLabel = "S",
            description = "img2img strength (default: " + RequestBuilder.DEFAULT_STRENGTH + ").")
    Double strength;

    @Option(names = "--walk", paramLabel = "WALK",
            description = "Noise walk: code (base + w * walk), paper (A sin + B cos) or independent (default: code).")
    String walk;

    @Option(names = "--walk-length", paramLabel = "RADIANS",
            description = "Angle the code walk covers over the video (default: " + RequestBuilder.DEFAULT_WALK_LENGTH + ").")
    String walkLength;

    @Option(names = "--walk-weight", paramLabel = "W",
            description = "Weight w of the code walk (default: " + RequestBuilder.DEFAULT_WALK_WEIGHT + ").")
    Double walkWeight;

    @Option(names = "--walk-frames", paramLabel = "K",
            description = "Frames per cycle of the paper walk (default: " + RequestBuilder.DEFAULT_WALK_FRAMES + ").")
    Integer walkFrames;

    @Option(names = "--interpolation", paramLabel = "HOW", description = "Between timed prompts: linear or slerp (default: linear).")
    String interpolation;

    @Option(names = "--segment-length", paramLabel = "N",
            description = "Frames per segment (default: " + RequestBuilder.DEFAULT_SEGMENT_LENGTH + ").")
    Integer segmentLength;

    @Option(names = "--chain-overlap", paramLabel = "N", description = "img2img: frames re-run before each segment so chains continue "
            + "(default: " + RequestBuilder.DEFAULT_CHAIN_OVERLAP + ").")
    Integer chainOverlap;

    /** --prompt-at SECONDS=TEXT (or M:SS=TEXT), each time at most once. */
    private Map<Double, String> laterPrompts() {
        Map<Double, String> cues = new TreeMap<>();
        for (String cue : laterPrompts) {
            int equals = cue.indexOf('=');
            double at;
            try {
                at = equals > 0 ? LaneTime.parseSeconds(cue.substring(0, equals)) : Double.NaN;
            } catch (IllegalArgumentException e) {
                at = Double.NaN;
            }
            if (!Double.isFinite(at)) {
                throw new UserError("--prompt-at must be SECONDS=TEXT or M:SS=TEXT, got '" + Shown.value(cue) + "'");
            }
            if (cues.put(at, cue.substring(equals + 1)) != null) {
                throw new UserError("--prompt-at gives two prompts at " + Numbers.format(at) + " s");
            }
        }
        return cues;
    }

    /** Applies every option given, over whatever the builder holds. */
    RequestBuilder applyTo(RequestBuilder builder) {
        if (prompt != null) {
            builder.prompt(prompt);
        }
        laterPrompts().forEach((at, text) -> {
            if (!(at > 0)) {
                throw new UserError("--prompt-at " + at + ": later prompts need a time > 0; use -p for time 0");
            }
            builder.promptAt(at, text);
        });
        if (!bends.isEmpty()) {
            // The command line wins over a job file, for bends as for every other setting; --add-bend keeps them.
            builder.replaceBends(BendArguments.parse(bends).stream().map(BendSpec::canonical).toList());
        }
        builder.bends(BendArguments.parse(addedBends).stream().map(BendSpec::canonical).toList());
        Set<String> named = new HashSet<>();
        for (String text : lanes) {
            Map.Entry<String, Lane> lane = LaneFields.option(text);
            if (!named.add(lane.getKey())) {
                throw new UserError("--lane " + lane.getKey() + " is given twice");
            }
            builder.lane(lane.getKey(), lane.getValue()); // replaces a job file's lane of that name
        }
        if (codes != null) {
            try {
                builder.codes(codes);
            } catch (IllegalArgumentException e) {
                throw new UserError("--codes: " + e.getMessage());
            }
        }
        if (fps != null) {
            builder.fps(fps);
        }
        if (size != null) {
            builder.size(size);
        }
        if (steps != null) {
            builder.steps(steps);
        }
        if (guidance != null) {
            builder.guidance(guidance);
        }
        if (seed != null) {
            builder.seed(seed);
        }
        if (negative != null) {
            builder.negative(negative);
        }
        if (scheduler != null) {
            builder.scheduler(SamplerName.of(scheduler));
        }
        if (method != null) {
            builder.method(Method.of(method));
        }
        if (strength != null) {
            builder.strength(strength);
        }
        if (walk != null) {
            builder.walk(NoiseWalk.of(walk));
        }
        if (walkLength != null) {
            builder.walkLength(walkLength);
        }
        if (walkWeight != null) {
            builder.walkWeight(walkWeight);
        }
        if (walkFrames != null) {
            builder.walkFrames(walkFrames);
        }
        if (interpolation != null) {
            builder.interpolation(PromptInterpolation.of(interpolation));
        }
        if (segmentLength != null) {
            builder.segmentLength(segmentLength);
        }
        if (chainOverlap != null) {
            builder.chainOverlap(chainOverlap);
        }
        return builder;
    }
}
