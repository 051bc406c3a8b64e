package org.netbend.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendProgram;
import org.netbend.bend.BendSpec;
import org.netbend.core.EncoderName;
import org.netbend.core.EncoderSpec;
import org.netbend.core.FeatureNames;
import org.netbend.core.Lane;
import org.netbend.core.ParameterSource;

/**
 * Everything that decides a job's frames, and nothing else: two equal requests give bit-identical frames.
 * It is stored as {@code jobs/{jobId}/request.json}, and its hash is the job id, so a re-run of the same
 * request finds its frames in the store. Run-time choices (parallelism, store, --force) are not part of it.
 */
public record JobRequest(
        int schemaVersion,
        String audioKey,
        String audioName,
        List<PromptCue> prompts,
        String negativePrompt,
        PromptInterpolation promptInterpolation,
        List<String> bends,
        double fps,
        int steps,
        double guidance,
        long seed,
        int width,
        int height,
        SamplerName scheduler,
        Method method,
        double strength,
        int chainOverlap,
        NoiseWalk walk,
        double walkLength,
        double walkWeight,
        int walkFrames,
        String model,
        int segmentLength,
        @JsonInclude(JsonInclude.Include.NON_NULL) String modelDigest,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> stemKeys,
        @JsonInclude(JsonInclude.Include.NON_NULL) String midiKey,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSerialize(contentUsing = LaneJson.Writer.class)
        @JsonDeserialize(contentUsing = LaneJson.Reader.class) Map<String, Lane> lanes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Preview preview,
        @JsonInclude(JsonInclude.Include.NON_NULL) String codes) {

    public static final int SCHEMA_VERSION = 1;
    /** DDIM's leading spacing with steps_offset 1 runs past the 1000 training steps beyond this. */
    public static final int MAX_STEPS = 999;
    /** Below this a frame's analysis window (the samples of 1/fps seconds) grows to gigabytes: 0.0001 fps ran PLAN out of memory. */
    public static final double MIN_FPS = 0.1;
    /**
     * Bends per request. Each is a parameter track PLAN computes for every frame and RENDER applies at its steps;
     * 256 is far beyond any piece's need, and keeps a 1 MiB job file of bends from costing hours.
     */
    public static final int MAX_BENDS = 256;
    /** Stable Diffusion v1's latent channels, for checking channel targets before a model is loaded. */
    private static final int LATENT_CHANNELS = 4;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** A request whose job id follows the model's path (or name) rather than its content: no digest. */
    public JobRequest(int schemaVersion, String audioKey, String audioName, List<PromptCue> prompts,
            String negativePrompt, PromptInterpolation promptInterpolation, List<String> bends, double fps, int steps,
            double guidance, long seed, int width, int height, SamplerName scheduler, Method method, double strength,
            int chainOverlap, NoiseWalk walk, double walkLength, double walkWeight, int walkFrames, String model,
            int segmentLength) {
        this(schemaVersion, audioKey, audioName, prompts, negativePrompt, promptInterpolation, bends, fps, steps,
                guidance, seed, width, height, scheduler, method, strength, chainOverlap, walk, walkLength, walkWeight,
                walkFrames, model, segmentLength, null, Map.of(), null, Map.of(), null, null);
    }

    /**
     * The same request with the model's content digest ({@code render.ModelIdentity}): its job id then follows the
     * model's files, not its folder, so another model copied into the same folder renders anew and the same model
     * in another folder finds its frames.
     */
    public JobRequest withModelDigest(String digest) {
        return new JobRequest(schemaVersion, audioKey, audioName, prompts, negativePrompt, promptInterpolation, bends,
                fps, steps, guidance, seed, width, height, scheduler, method, strength, chainOverlap, walk, walkLength,
                walkWeight, walkFrames, model, segmentLength, digest, stemKeys, midiKey, lanes, preview, codes);
    }

    /**
     * The same request reading stems ({@code rms@drums}) and a MIDI file ({@code note@ch1}): stem name to the
     * stem's key in the store, and the MIDI file's key (or null). Content-addressed keys ({@link AudioKeys}) make
     * a changed stem or MIDI file a new job.
     */
    public JobRequest withSources(Map<String, String> stems, String midi) {
        return new JobRequest(schemaVersion, audioKey, audioName, prompts, negativePrompt, promptInterpolation, bends,
                fps, steps, guidance, seed, width, height, scheduler, method, strength, chainOverlap, walk, walkLength,
                walkWeight, walkFrames, model, segmentLength, modelDigest, stems, midi, lanes, preview, codes);
    }

    /**
     * The same request with lanes, drawn parameters that bends read as {@code lane:NAME}; sorted by name, so the
     * same lanes given in another order are the same job.
     */
    public JobRequest withLanes(Map<String, Lane> newLanes) {
        return new JobRequest(schemaVersion, audioKey, audioName, prompts, negativePrompt, promptInterpolation, bends,
                fps, steps, guidance, seed, width, height, scheduler, method, strength, chainOverlap, walk, walkLength,
                walkWeight, walkFrames, model, segmentLength, modelDigest, stemKeys, midiKey, newLanes, preview, codes);
    }

    /**
     * The preview of this request ({@link PreviewSettings#apply}): its steps, size and scaled bends, and the
     * {@link Preview} that makes PLAN render every k-th frame.
     */
    JobRequest asPreview(Preview newPreview, int newSteps, int newWidth, int newHeight, List<String> newBends) {
        return new JobRequest(schemaVersion, audioKey, audioName, prompts, negativePrompt, promptInterpolation,
                newBends, fps, newSteps, guidance, seed, newWidth, newHeight, scheduler, method, strength, chainOverlap,
                walk, walkLength, walkWeight, walkFrames, model, segmentLength, modelDigest, stemKeys, midiKey, lanes,
                newPreview, codes);
    }

    /** The frame of the full render that frame {@code frame} of this request shows (itself unless a preview). */
    public int sourceFrame(int frame) {
        return preview == null ? frame : preview.sourceFrame(frame);
    }

    /** Frames this request renders of a track of {@code fullFrames} frames at its fps. */
    public int frameCount(int fullFrames) {
        return preview == null ? fullFrames : preview.frameCount(fullFrames);
    }

    /** The video's frame rate: the fps, or fps / every for a preview, so that its frames keep their times. */
    @JsonIgnore
    public double videoFps() {
        return preview == null ? fps : fps / preview.every();

    }

    /**
     * The same request with an audio encoder ({@code pca(8)}) whose code(N) the bends read; null for none. A
     * request without one keeps its job id (the field is left out of the JSON).
     */
    public JobRequest withCodes(String encoder) {
        String canonical = encoder == null ? null : EncoderName.names(encoder) ? EncoderName.parse(encoder).toString()
                : EncoderSpec.parse(encoder).toString();
        return new JobRequest(schemaVersion, audioKey, audioName, prompts, negativePrompt, promptInterpolation, bends,
                fps, steps, guidance, seed, width, height, scheduler, method, strength, chainOverlap, walk, walkLength,
                walkWeight, walkFrames, model, segmentLength, modelDigest, stemKeys, midiKey, lanes, preview, canonical);
    }

    public JobRequest {
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        bends = bends == null ? List.of() : List.copyOf(bends);
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        // Sorted, so that the same stems given in another order are the same request and the same job id.
        stemKeys = stemKeys == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(stemKeys));
        lanes = lanes == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(lanes));
    }

    /**
     * Checks the request whole and decodes what the stages need once: its canonical JSON, its id and its bends,
     * parsed and compiled.
     */
    public CompiledJob compile() {
        List<BendSpec> specs = checkFields();
        String json = toJson();
        return new CompiledJob(this, json, jobId(), specs, BendProgram.compile(specs));
    }

    /**
     * The stems and MIDI file the request carries that no bend reads ("stem 'hats'", "the MIDI file"). They stay
     * in the request and its id; a command says so, since it is most often a misspelt name.
     */
    @JsonIgnore
    public List<String> unreadSources() {
        return BendSourceCheck.unread(bends.stream().map(BendParser::parse).toList(), stemKeys.keySet(),
                midiKey != null, lanes.keySet());
    }

    /** Checks every field, bends included; the message names the bad field. */
    public JobRequest validated() {
        checkFields();
        return this;
    }

    private List<BendSpec> checkFields() {
        require(schemaVersion == SCHEMA_VERSION, "schemaVersion", "must be " + SCHEMA_VERSION + ", got " + schemaVersion);
        require(audioKey != null && !audioKey.isBlank(), "audioKey", "is missing");
        require(!prompts.isEmpty(), "prompts", "needs at least one prompt");
        require(fps >= MIN_FPS && fps <= 240, "fps", "must be in " + MIN_FPS + "..240, got " + fps);
        require(steps >= 1 && steps <= MAX_STEPS, "steps", "must be in 1.." + MAX_STEPS + ", got " + steps);
        require(Double.isFinite(guidance) && guidance >= 0 && guidance <= 100, "guidance", "must be in 0..100, got " + guidance);
        require(width >= 0 && height >= 0 && width % 8 == 0 && height % 8 == 0, "size",
                "must be multiples of 8 (or 0 for the model's size), got " + width + "x" + height);
        require(method != null, "method", "is missing");
        require(strength > 0 && strength <= 1, "strength", "must be in (0, 1], got " + strength);
        require(chainOverlap >= 0, "chainOverlap", "must be >= 0, got " + chainOverlap);
        require(walk != null, "walk", "is missing");
        require(Double.isFinite(walkLength) && walkLength >= 0, "walkLength", "must be >= 0, got " + walkLength);
        require(Double.isFinite(walkWeight) && walkWeight >= 0, "walkWeight", "must be >= 0, got " + walkWeight);
        require(walkFrames >= 1, "walkFrames", "must be >= 1, got " + walkFrames);
        require(promptInterpolation != null, "promptInterpolation", "is missing");
        require(segmentLength >= 1, "segmentLength", "must be >= 1, got " + segmentLength);
        require(bends.size() <= MAX_BENDS, "bends", "has " + bends.size() + " bends; at most " + MAX_BENDS
                + " per request");
        require(model != null && !model.isBlank(), "model", "is missing");
        require(scheduler != null, "scheduler", "is missing");
        require(audioName != null, "audioName", "is missing");
        require(modelDigest == null || modelDigest.matches("[0-9a-f]{64}"), "modelDigest",
                "must be 64 lower-case hex digits (a SHA-256), got '" + Echo.safe(modelDigest) + "'");
        checkSources();
        List<BendSpec> specs = checkBends();
        BendSourceCheck.check(specs, stemKeys.keySet(), midiKey != null, lanes.keySet());
        checkCodes(specs);
        return specs;
    }

    /** The encoder parses, and every code(N) a bend reads exists: an encoder is given and N is below its D. */
    private void checkCodes(List<BendSpec> specs) {
        EncoderSpec encoder;
        boolean named = EncoderName.names(codes);
        try {
            encoder = codes == null || named ? null : EncoderSpec.parse(codes);
            if (named) {
                EncoderName.parse(codes);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("codes", e.getMessage(), "request field 'codes': " + e.getMessage());
        }
        for (BendSpec spec : specs) {
            for (ParameterSource source : spec.sources()) {
                if (!(source instanceof ParameterSource.Feature feature) || !FeatureNames.isCode(feature.feature())) {
                    continue;
                }
                int index = FeatureNames.codeIndex(feature.feature());
                require(encoder != null || named, "codes", "is missing: bend '" + spec + "' reads "
                        + feature.feature() + "; give an audio encoder, e.g. codes: pca(8) (render --codes pca(8))");
                if (named) {
                    continue; // a stored encoder's D is known once it is read (render, submit, PLAN check it)
                }
                require(index < encoder.dimensions(), "bends", "code index out of range: bend '" + spec + "' reads "
                        + feature.feature() + " but " + encoder + " gives code(0)..code(" + (encoder.dimensions() - 1)
                        + ")");
            }
        }
    }

    /** Stem names are what bends write after '@'; keys stay inside the store (the service checks they exist). */
    private void checkSources() {
        StoreKeyCheck.relative("audioKey", audioKey);
        SourceFields.checkCount(stemKeys.size());
        stemKeys.forEach((name, key) -> {
            SourceFields.checkName("stemKeys", name);
            StoreKeyCheck.relative("stemKeys." + name, key);
        });
        if (midiKey != null) {
            StoreKeyCheck.relative("midiKey", midiKey);
        }
        LaneFields.checkCount(lanes.size());
        lanes.keySet().forEach(LaneFields::checkName);
    }

    /** Every bend parses, names only layers the sampler runs, and fits the latent (when the size is known). */
    private List<BendSpec> checkBends() {
        try {
            List<BendSpec> specs = bends.stream().map(BendParser::parse).toList();
            BendProgram program = BendProgram.compile(specs);
            if (isImg2img()) {
                checkImg2imgLayers(specs);
            }
            program.checkSteps(stepsRun());
            if (width > 0 && height > 0) {
                program.checkShape(LATENT_CHANNELS, height / 8, width / 8);
            }
            return specs;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("bends", e.getMessage(), "request field 'bends': " + e.getMessage());
        }
    }

    /**
     * In img2img a bend's layers count within the steps that run, so a layer written for the full schedule (the
     * README's {@code @40} of 50) is past the end at the default strength: the refusal names the layer of the same
     * fraction of the schedule, which is most likely what was meant.
     */
    private void checkImg2imgLayers(List<BendSpec> specs) {
        int run = stepsRun();
        for (int b = 0; b < specs.size(); b++) {
            int max = specs.get(b).maxLayer();
            if (max >= run && max < steps && run > 0) {
                int meant = Math.min(run - 1, (int) Math.round((double) max * run / steps));
                throw new IllegalArgumentException("bend " + b + " '" + specs.get(b) + "' acts at layer " + max
                        + ", but img2img at strength " + strength + " runs only the last int(strength * steps) = "
                        + run + " of the " + steps + " steps, and a bend's layers count within those (0.." + (run - 1)
                        + "): layer " + max + " of the full schedule is layer " + meant + " here (the same fraction of"
                        + " the schedule); or raise the strength");
            }
        }
    }

    /** The sampler steps a frame actually runs: img2img runs only the last int(strength * steps). */
    @JsonIgnore
    public int stepsRun() {
        return isImg2img() ? (int) (strength * steps) : steps;
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new InvalidRequestException(field, problem);
        }
    }

    @JsonIgnore
    public boolean isImg2img() { return method == Method.IMG2IMG; }

    /** A stable id: the first 16 hex digits of the SHA-256 of the canonical JSON. */
    @JsonIgnore
    public String jobId() {
        if (modelDigest == null) {
            return idOf(toJson());
        }
        // The folder is where this machine keeps the model, not what it is: the id hashes the digest in its place.
        return idOf(new JobRequest(schemaVersion, audioKey, audioName, prompts, negativePrompt, promptInterpolation,
                bends, fps, steps, guidance, seed, width, height, scheduler, method, strength, chainOverlap, walk,
                walkLength, walkWeight, walkFrames, "sha256:" + modelDigest, segmentLength, null, stemKeys, midiKey, lanes,
                preview, codes)
                .toJson());
    }

    private static String idOf(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JobRequest fromJson(String json) {
        try {
            return JSON.readValue(json, JobRequest.class);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        }
    }
}
