package org.netbend.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.netbend.core.Latent;
import org.netbend.core.RgbImage;
import org.netbend.render.StageTimings.Stage;
import org.netbend.render.onnx.ElementType;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.onnx.TensorSpec;
import org.netbend.render.schedule.Scheduler;
import org.netbend.render.schedule.SchedulerConfig;
import org.netbend.render.site.SiteFeeder;
import org.netbend.render.site.SiteModels;
import org.netbend.render.text.ClipTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stable Diffusion v1 (diffusers ONNX layout) on ONNX Runtime: txt2img and img2img with classifier-free
 * guidance, the bend hook, batching along the batch dimension, and an embedding cache per distinct prompt.
 *
 * <p>Open once per render slot and reuse: loading is the expensive part. {@link #generate} and
 * {@link #generateBatch} may be called from one thread at a time per instance.
 */
public final class StableDiffusion implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StableDiffusion.class);
    private static final int EMBEDDING_CACHE_LIMIT = 512;

    private final Path modelDir;
    private final ClipTokenizer tokenizer;
    private final OnnxModel textEncoder;
    private final OnnxModel unet;
    private final OnnxModel vaeDecoder;
    private final OnnxModel vaeEncoder; // null when the folder has none (img2img unavailable)
    private final SiteModels siteModels; // U-Nets with site bends built in, made on first use
    private final SchedulerConfig schedulerConfig;
    private final ModelInfo info;
    private final String textOutput;
    private final StageTimings timings = new StageTimings();
    private final Map<String, float[]> embeddings = new ConcurrentHashMap<>();
    private volatile Consumer<String> warnings = message -> { };

    private StableDiffusion(Path modelDir, RuntimeOptions options) throws IOException {
        this.modelDir = modelDir;
        ModelLayout.requireComplete(modelDir);
        List<OnnxModel> opened = new ArrayList<>();
        try {
            textEncoder = track(opened, OnnxModel.open(modelDir.resolve(ModelLayout.TEXT_ENCODER), "text_encoder", options));
            unet = track(opened, OnnxModel.open(modelDir.resolve(ModelLayout.UNET), "unet", options));
            siteModels = new SiteModels(modelDir.resolve(ModelLayout.UNET), options);
            vaeDecoder = track(opened, OnnxModel.open(modelDir.resolve(ModelLayout.VAE_DECODER), "vae_decoder", options));
            Path encoderFile = modelDir.resolve(ModelLayout.VAE_ENCODER);
            vaeEncoder = Files.isRegularFile(encoderFile)
                    ? track(opened, OnnxModel.open(encoderFile, "vae_encoder", options)) : null;
            schedulerConfig = SchedulerConfig.read(modelDir.resolve("scheduler/scheduler_config.json"));
            textOutput = textEncoder.outputs().containsKey("last_hidden_state")
                    ? "last_hidden_state" : textEncoder.outputs().keySet().iterator().next();
            info = readInfo();
            tokenizer = ClipTokenizer.load(modelDir.resolve("tokenizer"), info.textLength());
        } catch (IOException | RuntimeException e) {
            opened.forEach(OnnxModel::close);
            throw e;
        }
    }

    private static OnnxModel track(List<OnnxModel> opened, OnnxModel model) {
        opened.add(model);
        return model;
    }

    /**
     * Loads the model folder.
     *
     * @throws RenderException          when a model cannot be loaded, or CUDA is asked for and unavailable
     * @throws UncheckedIOException     when a file cannot be read (the message names the missing files)
     */
    public static StableDiffusion open(Path modelDir, RuntimeOptions options) {
        Objects.requireNonNull(modelDir, "modelDir");
        try {
            return new StableDiffusion(modelDir, options == null ? RuntimeOptions.cpu() : options);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public ModelInfo info() { return info; }

    public StageTimings timings() { return timings; }

    public Path modelDir() { return modelDir; }

    /** The U-Net's sites ({@code down.0}, {@code mid}, {@code up.2.attn.1}, ...), in U-Net order. */
    public List<String> sites() { return siteModels.names(); }

    /** The sites with their activation shapes for one frame of this size: one U-Net run. */
    public List<org.netbend.render.site.SiteShape> siteShapes(int width, int height) {
        return org.netbend.render.site.SiteProbe.shapes(siteModels, probeFeed(width, height));
    }

    /** A batch-1 U-Net input of zeros at this frame size (for probing sites). */
    public Map<String, Tensor> probeFeed(int width, int height) {
        int channels = info.latentChannels();
        Map<String, Tensor> feed = new LinkedHashMap<>();
        feed.put("sample", Tensor.floats(new float[channels * (height / 8) * (width / 8)], 1, channels, height / 8, width / 8));
        feed.put("timestep", Tensor.longs(new long[] {1}, unet.input("timestep").shape().length == 0 ? new long[0] : new long[] {1}));
        feed.put("encoder_hidden_states", Tensor.floats(new float[info.textLength() * info.textWidth()], 1,
                info.textLength(), info.textWidth()));
        return feed;
    }

    /** The site models of this pipeline (for tests and tools that capture activations). */
    public SiteModels siteModels() { return siteModels; }

    /** Where user-facing warnings (e.g. a truncated prompt) go, besides the log. */
    public void onWarning(Consumer<String> sink) {
        this.warnings = sink == null ? message -> { } : sink;
    }

    public RgbImage generate(FrameRequest request) {
        return generateBatch(List.of(request)).get(0);
    }

    /**
     * Renders the frames, in the order given. Frames that can share U-Net calls (same size, scheduler, steps
     * run and guidance mode) go through the U-Net together along the batch dimension; each frame's result is
     * the same as rendering it alone.
     */
    public List<RgbImage> generateBatch(List<FrameRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        RgbImage[] results = new RgbImage[requests.size()];
        Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            FrameRequest r = Objects.requireNonNull(requests.get(i), "request " + i);
            List<Object> key = List.of(r.width(), r.height(), r.scheduler().toLowerCase(java.util.Locale.ROOT),
                    r.steps(), r.stepsToRun(), r.isImg2Img(), r.usesGuidance(), SiteFeeder.editsOf(r.bender()));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> indices : groups.values()) {
            List<FrameRequest> group = new ArrayList<>();
            indices.forEach(i -> group.add(requests.get(i)));
            List<RgbImage> images = renderGroup(group);
            for (int j = 0; j < indices.size(); j++) {
                results[indices.get(j)] = images.get(j);
            }
        }
        return List.of(results);
    }

    /**
     * One group's frames, as diffusers' recipe: encode the prompts, prepare the starting latents, denoise (per
     * step: bend, pack the batch, predict the noise, guide, step the scheduler), bend the final latents, decode.
     */
    private List<RgbImage> renderGroup(List<FrameRequest> group) {
        checkSize(group.get(0));
        DenoisingPlan plan = DenoisingPlan.of(group, Scheduler.named(group.get(0).scheduler(), schedulerConfig),
                info.latentChannels(), unet.inputs().get("timestep_cond"));
        Tensor text = encodePrompts(plan);
        StartingLatents start = prepareLatents(plan);
        denoise(plan, text, start);
        bendAll(group, plan.layers(), plan.layers(), start.latents());
        List<RgbImage> images = new ArrayList<>(plan.frames());
        for (Latent latent : start.latents()) {
            images.add(decode(latent));
        }
        timings.addFrames(plan.frames());
        return images;
    }

    /**
     * The text conditioning of the U-Net batch, cached per prompt: with guidance the negative prompts' rows
     * first, then the prompts' ({@code [uncond..., cond...]}); without, the prompts' rows alone.
     */
    Tensor encodePrompts(DenoisingPlan plan) {
        int n = plan.frames();
        int textSize = info.textLength() * info.textWidth();
        float[] rows = new float[plan.batch() * textSize];
        for (int f = 0; f < n; f++) {
            FrameRequest r = plan.group().get(f);
            float[] cond = mixedEmbedding(r.prompt());
            if (plan.guided()) {
                System.arraycopy(embedding(r.negativePrompt()), 0, rows, f * textSize, textSize);
                System.arraycopy(cond, 0, rows, (n + f) * textSize, textSize);
            } else {
                System.arraycopy(cond, 0, rows, f * textSize, textSize);
            }
        }
        return Tensor.floats(rows, plan.batch(), info.textLength(), info.textWidth());
    }

    /** Each frame's starting latent and its pass through the schedule (multistep samplers keep state in it). */
    record StartingLatents(Latent[] latents, Scheduler.Run[] runs, Scheduler.StepNoise[] stepNoise) { }

    /**
     * txt2img: the frame's initial noise times the scheduler's initial scale; img2img: the encoded init image,
     * noised to the first step run (not at all when no step runs).
     */
    StartingLatents prepareLatents(DenoisingPlan plan) {
        int n = plan.frames();
        Latent[] latents = new Latent[n];
        Scheduler.Run[] runs = new Scheduler.Run[n];
        Scheduler.StepNoise[] stepNoise = new Scheduler.StepNoise[n];
        for (int f = 0; f < n; f++) {
            FrameRequest r = plan.group().get(f);
            runs[f] = plan.scheduler().start(plan.steps(), plan.firstStep());
            stepNoise[f] = SamplerNoise.of(r, plan.plane());
            Latent noise = r.noise().latent(r.seed(), r.frameIndex(), plan.channels(), plan.latentHeight(),
                    plan.latentWidth());
            if (r.isImg2Img()) {
                Latent encoded = encode(r.initImage(), plan.channels(), plan.latentHeight(), plan.latentWidth());
                if (plan.layers() > 0) {
                    runs[f].addNoise(encoded.data(), noise.data());
                }
                latents[f] = encoded;
            } else {
                SamplerNoise.scale(noise.data(), plan.scheduler().initialNoiseScale(plan.steps()));
                latents[f] = noise;
            }
        }
        return new StartingLatents(latents, runs, stepNoise);
    }

    /** The sampler's steps, in order. */
    void denoise(DenoisingPlan plan, Tensor text, StartingLatents start) {
        SiteFeeder sites = SiteFeeder.of(plan.group().stream().map(FrameRequest::bender).toList(), plan.guided());
        for (int k = 0; k < plan.layers(); k++) {
            step(plan, k, text, sites, start);
        }
    }

    /** Step k: bend each latent, predict the noise for the whole batch, guide it per frame, step the scheduler. */
    private void step(DenoisingPlan plan, int k, Tensor text, SiteFeeder sites, StartingLatents start) {
        Latent[] latents = start.latents();
        bendAll(plan.group(), k, plan.layers(), latents);
        float[] out = predictNoise(plan, k, packBatch(plan, k, text, latents), sites);
        long begin = System.nanoTime();
        float[] eps = new float[plan.plane()];
        for (int f = 0; f < plan.frames(); f++) {
            guide(plan, out, f, eps);
            requireFinite(eps, k, plan.timestep(k));
            start.runs()[f].step(k, eps, latents[f].data(), start.stepNoise()[f]);
        }
        timings.add(Stage.SCHEDULER, System.nanoTime() - begin);
    }

    /**
     * The U-Net's inputs at step k: the latents as one batch (with guidance twice: {@code [x..., x...]}, the
     * rows {@link #encodePrompts} lines up with), the timestep in the shape the export declares, the text, and
     * an LCM U-Net's guidance embedding.
     */
    Map<String, Tensor> packBatch(DenoisingPlan plan, int k, Tensor text, Latent[] latents) {
        int n = plan.frames();
        int plane = plan.plane();
        float[] samples = new float[plan.batch() * plane];
        for (int f = 0; f < n; f++) {
            System.arraycopy(latents[f].data(), 0, samples, f * plane, plane);
            if (plan.guided()) {
                System.arraycopy(latents[f].data(), 0, samples, (n + f) * plane, plane);
            }
        }
        Map<String, Tensor> feed = new LinkedHashMap<>();
        feed.put("sample", Tensor.floats(samples, plan.batch(), plan.channels(), plan.latentHeight(),
                plan.latentWidth()));
        feed.put("timestep", UnetTimestep.of(unet.input("timestep"), plan.scheduler(), plan.steps(),
                plan.firstStep() + k, plan.batch()));
        feed.put("encoder_hidden_states", text);
        if (plan.guidanceInput() != null) {
            feed.put("timestep_cond", guidanceEmbeddings(plan.group(), plan.guidanceInput()));
        }
        return feed;
    }

    /** One U-Net call on the batch; steps at which a site bend acts run the rewritten graph, others the original. */
    private float[] predictNoise(DenoisingPlan plan, int k, Map<String, Tensor> feed, SiteFeeder sites) {
        long start = System.nanoTime();
        OnnxModel model = unet;
        if (sites != null && sites.actsAt(k, plan.layers())) {
            model = siteModels.forEdits(sites.edits());
            sites.feed(feed, k, plan.layers());
        }
        float[] out = model.run(feed, "out_sample").floats();
        timings.add(Stage.UNET, System.nanoTime() - start);
        return out;
    }

    /**
     * Frame f's noise from the batch's output into {@code eps}: with guidance {@code u + g (c - u)} in float32
     * from its unconditional row f and conditional row n + f, without it row f as it is.
     */
    static void guide(DenoisingPlan plan, float[] out, int f, float[] eps) {
        int plane = plan.plane();
        if (plan.guided()) {
            float g = (float) plan.group().get(f).guidance();
            int u = f * plane;
            int c = (plan.frames() + f) * plane;
            for (int i = 0; i < plane; i++) {
                eps[i] = out[u + i] + g * (out[c + i] - out[u + i]);
            }
        } else {
            System.arraycopy(out, f * plane, eps, 0, plane);
        }
    }

    private static Tensor guidanceEmbeddings(List<FrameRequest> group, TensorSpec spec) {
        int dim = (int) spec.dim(1);
        if (dim <= 0) {
            throw new RenderException("the unet's timestep_cond input " + spec + " does not declare its width");
        }
        float[] rows = new float[group.size() * dim];
        for (int f = 0; f < group.size(); f++) {
            System.arraycopy(GuidanceEmbedding.of(group.get(f).guidance(), dim), 0, rows, f * dim, dim);
        }
        return Tensor.floats(rows, group.size(), dim);
    }

    private void bendAll(List<FrameRequest> group, int layer, int layers, Latent[] latents) {
        long start = System.nanoTime();
        for (int f = 0; f < group.size(); f++) {
            group.get(f).bender().bend(layer, layers, latents[f]);
        }
        timings.add(Stage.BEND, System.nanoTime() - start);
    }

    private void checkSize(FrameRequest r) {
        if (info.fixedLatentSize() && (r.width() != info.imageWidth() || r.height() != info.imageHeight())) {
            throw new IllegalArgumentException("this model renders only " + info.imageWidth() + "x"
                    + info.imageHeight() + " (fixed U-Net input), the frame asks for " + r.width() + "x" + r.height());
        }
    }

    // ---- text ---------------------------------------------------------------------------------------------

    /** The text embedding of a prompt ([textLength x textWidth], flattened), computed once per prompt. */
    public float[] embedding(String prompt) {
        float[] cached = embeddings.get(prompt);
        if (cached != null) {
            return cached;
        }
        long start = System.nanoTime();
        ClipTokenizer.Encoding encoding = tokenizer.encode(prompt);
        timings.add(Stage.TOKENIZE, System.nanoTime() - start);
        if (encoding.truncated()) {
            String message = "prompt is longer than " + (tokenizer.length() - 2) + " tokens; the last "
                    + encoding.droppedTokens() + " of " + encoding.tokenCount() + " were dropped: \"" + prompt + "\"";
            LOG.warn(message);
            warnings.accept(message);
        }
        long[] ids = new long[encoding.ids().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = encoding.ids()[i];
        }
        start = System.nanoTime();
        float[] hidden = textEncoder.run(Map.of("input_ids", Tensor.longs(ids, 1, ids.length)), textOutput).floats();
        timings.add(Stage.TEXT_ENCODER, System.nanoTime() - start);
        if (embeddings.size() >= EMBEDDING_CACHE_LIMIT) {
            embeddings.clear(); // a video uses a handful of prompts; this only bounds pathological inputs
        }
        embeddings.put(prompt, hidden);
        return hidden;
    }

    private float[] mixedEmbedding(PromptMix mix) {
        if (!mix.prompts().isEmpty()) {
            return EmbeddingBlend.weighted(mix.prompts().stream().map(this::embedding).toList(), mix.weights());
        }
        float[] a = embedding(mix.from());
        if (mix.isSingle()) {
            return a;
        }
        return EmbeddingBlend.blend(a, embedding(mix.to()), mix.t(), mix.interpolation());
    }

    /** An fp16 export can overflow; NaN noise would otherwise decode to silently black frames. */
    private static void requireFinite(float[] eps, int step, int timestep) {
        for (float v : eps) {
            if (!Float.isFinite(v)) {
                throw new RenderException("the U-Net predicted NaN or infinite noise at step " + step + " (timestep "
                        + timestep + "); fp16 exports can overflow: try the fp32 model");
            }
        }
    }

    // ---- VAE ----------------------------------------------------------------------------------------------

    /** Latent -> image: divide by the scale factor, decode, map [-1, 1] to 0..255 as diffusers does. */
    public RgbImage decode(Latent latent) {
        float[] scaled = new float[latent.size()];
        float inverse = (float) (1 / info.vaeScale());
        float[] data = latent.data();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = inverse * data[i];
        }
        long start = System.nanoTime();
        Tensor out = vaeDecoder.run(Map.of("latent_sample",
                Tensor.floats(scaled, 1, latent.channels(), latent.height(), latent.width())), "sample");
        timings.add(Stage.VAE_DECODE, System.nanoTime() - start);
        long[] shape = out.shape();
        int h = (int) shape[2];
        int w = (int) shape[3];
        float[] rgb = out.floats();
        byte[] pixels = new byte[h * w * 3];
        int planeSize = h * w;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < planeSize; i++) {
                float v = Math.min(1f, Math.max(0f, rgb[c * planeSize + i] / 2 + 0.5f));
                pixels[i * 3 + c] = (byte) Math.round(v * 255f);
            }
        }
        return new RgbImage(w, h, pixels);
    }

    /** Image -> latent (already multiplied by the scale factor), as img2img's starting point. */
    public Latent encode(RgbImage image) {
        return encode(image, info.latentChannels(), image.height() / 8, image.width() / 8);
    }

    private Latent encode(RgbImage image, int channels, int lh, int lw) {
        if (vaeEncoder == null) {
            throw new RenderException("img2img needs vae_encoder/model.onnx, which " + modelDir + " does not have");
        }
        int h = image.height();
        int w = image.width();
        float[] chw = new float[3 * h * w];
        byte[] px = image.pixels();
        for (int i = 0; i < h * w; i++) {
            for (int c = 0; c < 3; c++) {
                chw[c * h * w + i] = 2f * ((px[i * 3 + c] & 0xff) / 255f) - 1f;
            }
        }
        long start = System.nanoTime();
        Tensor out = vaeEncoder.run(Map.of("sample", Tensor.floats(chw, 1, 3, h, w)),
                VaeEncoderOutput.name(vaeEncoder.outputs()));
        timings.add(Stage.VAE_ENCODE, System.nanoTime() - start);
        float[] latent = VaeEncoderOutput.latent(out, channels);
        if (latent.length != channels * lh * lw) {
            throw new RenderException("vae_encoder returned " + java.util.Arrays.toString(out.shape())
                    + " for a " + w + "x" + h + " image; expected " + channels + "x" + lh + "x" + lw);
        }
        float scale = (float) info.vaeScale();
        for (int i = 0; i < latent.length; i++) {
            latent[i] *= scale;
        }
        return Latent.wrap(channels, lh, lw, latent);
    }

    // ---- model description --------------------------------------------------------------------------------

    private ModelInfo readInfo() throws IOException {
        TensorSpec sample = unet.input("sample");
        TensorSpec hidden = unet.input("encoder_hidden_states");
        TensorSpec timestep = unet.input("timestep");
        TensorSpec ids = textEncoder.input("input_ids");
        int channels = (int) (sample.dim(1) > 0 ? sample.dim(1) : 4);
        int textWidth = (int) (hidden.dim(2) > 0 ? hidden.dim(2) : textEncoder.output(textOutput).dim(2));
        if (textWidth <= 0) {
            throw new RenderException("cannot tell the text embedding width: neither unet encoder_hidden_states "
                    + hidden + " nor text_encoder " + textEncoder.output(textOutput) + " declares it");
        }
        int textLength = (int) (ids.dim(1) > 0 ? ids.dim(1) : ClipTokenizer.DEFAULT_LENGTH);
        boolean fixed = sample.dim(2) > 0 && sample.dim(3) > 0;
        int sampleSize = readInt(modelDir.resolve("unet/config.json"), "sample_size", 64);
        int lh = fixed ? (int) sample.dim(2) : sampleSize;
        int lw = fixed ? (int) sample.dim(3) : sampleSize;
        double vaeScale = readDouble(modelDir.resolve("vae_decoder/config.json"), "scaling_factor", 0.18215);
        String runtime = "ONNX Runtime " + ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion();
        ElementType timestepType = timestep.type();
        if (!(timestepType.isFloatingPoint() || timestepType == ElementType.INT64 || timestepType == ElementType.INT32)) {
            throw new RenderException("unet timestep input " + timestep + " has an unsupported element type");
        }
        return new ModelInfo(channels, lh, lw, lh * 8, lw * 8, textLength, textWidth, timestepType, sample.type(),
                vaeScale, fixed, runtime);
    }

    private static int readInt(Path json, String field, int fallback) throws IOException {
        JsonNode node = readJson(json);
        return node == null ? fallback : node.path(field).asInt(fallback);
    }

    private static double readDouble(Path json, String field, double fallback) throws IOException {
        JsonNode node = readJson(json);
        return node == null ? fallback : node.path(field).asDouble(fallback);
    }

    private static JsonNode readJson(Path json) throws IOException {
        return Files.isRegularFile(json) ? new ObjectMapper().readTree(json.toFile()) : null;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            siteModels.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (OnnxModel m : new OnnxModel[] {textEncoder, unet, vaeDecoder, vaeEncoder}) {
            if (m == null) {
                continue;
            }
            try {
                m.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        embeddings.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
