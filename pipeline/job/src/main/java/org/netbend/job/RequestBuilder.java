package org.netbend.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netbend.bend.BendValues;
import org.netbend.core.EncoderSpec;
import org.netbend.core.Lane;

/**
 * Builds a {@link JobRequest} from settings given in any order and from any source: defaults, then a job file,
 * then the command line or a submission. {@code render}, {@code submit} and the service all build requests here,
 * so a default is written once and the three cannot drift.
 */
public final class RequestBuilder {
    public static final int DEFAULT_FPS = 20;
    public static final int DEFAULT_STEPS = 50;
    public static final double DEFAULT_GUIDANCE = 7.5;
    public static final long DEFAULT_SEED = 46;
    /** A seed of -1 means "draw one" (as in Deforum and A1111); the drawn seed is what the request records. */
    public static final long RANDOM_SEED = -1;
    public static final double DEFAULT_STRENGTH = 0.5;
    public static final int DEFAULT_CHAIN_OVERLAP = 8;
    public static final String DEFAULT_WALK_LENGTH = "0.2pi";
    public static final double DEFAULT_WALK_WEIGHT = 0.3;
    public static final int DEFAULT_WALK_FRAMES = 100;
    public static final int DEFAULT_SEGMENT_LENGTH = 40;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})[xX](\\d{1,5})");

    private String audioKey;
    private String audioName;
    private String firstPrompt;
    private final TreeMap<Double, String> laterPrompts = new TreeMap<>();
    private String negative = "";
    private PromptInterpolation interpolation = PromptInterpolation.LINEAR;
    private final List<String> bends = new ArrayList<>();
    private double fps = DEFAULT_FPS;
    private int steps = DEFAULT_STEPS;
    private double guidance = DEFAULT_GUIDANCE;
    private long seed = DEFAULT_SEED;
    private int width;
    private int height;
    private SamplerName scheduler = SamplerName.DDIM;
    private Method method = Method.TXT2IMG;
    private double strength = DEFAULT_STRENGTH;
    private int chainOverlap = DEFAULT_CHAIN_OVERLAP;
    private NoiseWalk walk = NoiseWalk.CODE;
    private double walkLength = BendValues.parse(DEFAULT_WALK_LENGTH)[0];
    private double walkWeight = DEFAULT_WALK_WEIGHT;
    private int walkFrames = DEFAULT_WALK_FRAMES;
    private String model;
    private int segmentLength = DEFAULT_SEGMENT_LENGTH;
    private double audioSeconds = Double.NaN;
    private final Map<String, String> stems = new TreeMap<>();
    private String midi;
    private String codes;
    private final Map<String, Lane> lanes = new TreeMap<>();
    private PreviewSettings preview;

    /** The audio's key in the store ({@code audio/{sha256}.wav}) and its file name, for people. */
    public RequestBuilder audio(String key, String name) {
        this.audioKey = key;
        this.audioName = name;
        return this;
    }

    /** The audio's length, when known, so that a prompt timed past its end is refused. */
    public RequestBuilder audioSeconds(double seconds) {
        this.audioSeconds = seconds;
        return this;
    }

    /** The prompt from time 0; replaces an earlier one (the command line wins over a job file). */
    public RequestBuilder prompt(String text) {
        this.firstPrompt = requireText("prompt", text);
        return this;
    }

    /** A prompt that takes over at {@code seconds}; one at 0 is the first prompt. */
    public RequestBuilder promptAt(double seconds, String text) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new InvalidRequestException("prompts", "times must be finite seconds >= 0, got " + seconds);
        }
        if (seconds == 0) {
            return prompt(text);
        }
        laterPrompts.put(seconds, requireText("prompts", text));
        return this;
    }

    /** Replaces the whole timeline. */
    public RequestBuilder prompts(List<PromptCue> cues) {
        firstPrompt = null;
        laterPrompts.clear();
        for (PromptCue cue : cues) {
            if (cue.at() > 0 && laterPrompts.containsKey(cue.at()) || cue.at() == 0 && firstPrompt != null) {
                throw new InvalidRequestException("prompts", "has two prompts at " + cue.at() + " s");
            }
            promptAt(cue.at(), cue.text());
        }
        return this;
    }

    public RequestBuilder negative(String text) { negative = text == null ? "" : text; return this; }

    public RequestBuilder interpolation(PromptInterpolation value) { interpolation = value; return this; }

    /** Adds bends (shorthand or canonical), after any given before. */
    public RequestBuilder bends(List<String> specs) { bends.addAll(specs); return this; }

    /** Replaces the bends given before (a job file's) with these. */
    public RequestBuilder replaceBends(List<String> specs) {
        bends.clear();
        bends.addAll(specs);
        return this;
    }

    /** The bends so far, canonical or as given, in order. */
    public List<String> bends() { return List.copyOf(bends); }

    public RequestBuilder fps(double value) { fps = value; return this; }

    public RequestBuilder steps(int value) { steps = value; return this; }

    public RequestBuilder guidance(double value) { guidance = value; return this; }

    public RequestBuilder seed(long value) { seed = value; return this; }

    /** Whether the seed is {@value #RANDOM_SEED}, "draw one": the caller draws it before {@link #build()}. */
    public boolean randomSeed() { return seed == RANDOM_SEED; }

    /** WxH, multiples of 8; null leaves the model's own size. */
    public RequestBuilder size(String text) {
        if (text == null) {
            width = 0;
            height = 0;
            return this;
        }
        int[] wh = sizeOf("size", text);
        width = wh[0];
        height = wh[1];
        return this;
    }

    /** WxH as {width, height}, multiples of 8; the message names {@code field}. */
    static int[] sizeOf(String field, String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidRequestException(field, "must look like 512x512, got '" + Echo.safe(text) + "'");
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        if (w < 8 || h < 8 || w % 8 != 0 || h % 8 != 0) {
            throw new InvalidRequestException(field, "must be multiples of 8 (the latent is 1/8 of the image), got "
                    + Echo.safe(text));
        }
        return new int[] {w, h};
    }

    public RequestBuilder scheduler(SamplerName value) { scheduler = value; return this; }

    public RequestBuilder method(Method value) { method = value; return this; }

    public RequestBuilder strength(double value) { strength = value; return this; }

    public RequestBuilder chainOverlap(int value) { chainOverlap = value; return this; }

    public RequestBuilder walk(NoiseWalk value) { walk = value; return this; }

    /** Radians; may use pi as bend specs do ("0.2pi", "pi/2"). */
    public RequestBuilder walkLength(String text) {
        double[] values;
        try {
            values = BendValues.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("walk-length", e.getMessage());
        }
        if (values.length != 1) {
            throw new InvalidRequestException("walk-length", "takes one number, got '" + text + "'");
        }
        walkLength = values[0];
        return this;
    }

    public RequestBuilder walkLength(double radians) { walkLength = radians; return this; }

    public RequestBuilder walkWeight(double value) { walkWeight = value; return this; }

    public RequestBuilder walkFrames(int value) { walkFrames = value; return this; }

    public RequestBuilder segmentLength(int value) { segmentLength = value; return this; }

    /** A stem's key in the store, read by bends as {@code FEATURE@name}; replaces an earlier stem of that name. */
    public RequestBuilder stem(String name, String key) {
        SourceFields.checkName("stems", name);
        stems.put(name, key);
        return this;
    }

    /** The MIDI file's key in the store, read by bends as {@code note@chN}; replaces an earlier one. */
    public RequestBuilder midi(String key) { midi = key; return this; }

    /** The audio encoder whose code(N) bends read, e.g. {@code pca(8)}; null for none. */
    public RequestBuilder codes(String encoder) {
        codes = encoder == null ? null : org.netbend.core.EncoderName.names(encoder)
                ? org.netbend.core.EncoderName.parse(encoder).toString() : EncoderSpec.parse(encoder).toString();
        return this;
    }

    /** A lane, read by bends as {@code lane:NAME}; replaces an earlier lane of that name (a job file's). */
    public RequestBuilder lane(String name, Lane lane) {
        lanes.put(LaneFields.checkName(name), lane);
        LaneFields.checkCount(lanes.size());
        return this;
    }

    /** Every lane given, each replacing one of its name. */
    public RequestBuilder lanes(Map<String, Lane> given) {
        given.forEach(this::lane);
        return this;
    }

    /** Makes the request a preview of the one the other settings describe (null: the full render). */
    public RequestBuilder preview(PreviewSettings settings) { preview = settings; return this; }

    /** The model: a folder, {@code hf:REPO@REV} or {@code toy}. */
    public RequestBuilder model(String value) { model = value; return this; }

    /** The request, checked whole. */
    public JobRequest build() {
        if (seed == RANDOM_SEED) {
            throw new InvalidRequestException("seed", "-1 (random) must be drawn before the request is built; "
                    + "the request records the seed drawn");
        }
        if (firstPrompt == null) {
            throw new InvalidRequestException("prompts", laterPrompts.isEmpty()
                    ? "needs a prompt" : "needs a prompt at 0 s; the first is at " + laterPrompts.firstKey() + " s");
        }
        if (Double.isFinite(audioSeconds) && !laterPrompts.isEmpty() && laterPrompts.lastKey() >= audioSeconds) {
            throw new InvalidRequestException("prompts", String.format(Locale.ROOT,
                    "has a prompt at %s s, past the end of the %.2f s of audio", laterPrompts.lastKey(), audioSeconds));
        }
        List<PromptCue> cues = new ArrayList<>();
        cues.add(new PromptCue(0, firstPrompt));
        laterPrompts.forEach((at, text) -> cues.add(new PromptCue(at, text)));
        cues.sort(Comparator.comparingDouble(PromptCue::at));
        JobRequest full = new JobRequest(JobRequest.SCHEMA_VERSION, audioKey, audioName, cues, negative, interpolation,
                bends, fps, steps, guidance, seed, width, height, scheduler, method, strength, chainOverlap, walk,
                walkLength, walkWeight, walkFrames, model, segmentLength).withSources(stems, midi).withLanes(lanes)
                .withCodes(codes)
                .validated();
        return preview == null ? full : preview.apply(full);
    }

    private static String requireText(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(field, "must not be empty");
        }
        return text;
    }
}
