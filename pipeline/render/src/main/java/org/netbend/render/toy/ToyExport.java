package org.netbend.render.toy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the toy model is exported, apart from what it computes ({@link ToyModelSpec}): the variations real SD
 * exports come in, so the pipeline's handling of each is tested here. {@link #SD_V1} writes exactly the
 * files the generator always wrote.
 *
 * @param timestep       how the U-Net declares its timestep input
 * @param vaeParameters  the VAE encoder returns {@code latent_parameters} (mean and log-variance, 2 x channels)
 *                       instead of {@code latent_sample}, as newer optimum exports do
 * @param vPrediction    the U-Net predicts v = sqrt(a) eps - sqrt(1 - a) x0 (SD 2.x 768), not eps
 * @param foldedGuidance the scene is drawn at full strength, not at 1/7.5 for CFG to scale back: a distilled
 *                       few-step model (LCM, turbo) that renders without CFG (guidance 1)
 * @param padToken       the tokenizer's pad token ({@code "!"} for SD 2.x), null for SD v1's {@code <|endoftext|>}
 * @param pipelineClass  {@code model_index.json}'s {@code _class_name}
 * @param scheduler      {@code scheduler/scheduler_config.json}, field by field
 * @param guidanceInput  width of a {@code timestep_cond} U-Net input (the guidance-scale embedding LCM-distilled
 *                       U-Nets take, 256), 0 for none; the toy requires it but its value does not change the output
 */
public record ToyExport(Timestep timestep, boolean vaeParameters, boolean vPrediction, boolean foldedGuidance,
        String padToken, String pipelineClass, Map<String, Object> scheduler, int guidanceInput) {

    /** How a U-Net export declares {@code timestep}. */
    public enum Timestep {
        /** {@code [steps]}, a symbolic dimension of its own (the toy's original export). */
        SYMBOLIC,
        /** {@code [batch]}, and the model needs one value per batch row. */
        PER_ROW,
        /** {@code [1]}, fixed. */
        ONE,
        /** A scalar (no dimensions). */
        SCALAR
    }

    /** diffusers' DDIMScheduler config of SD v1.x. */
    public static final Map<String, Object> DDIM_V1 = ordered("_class_name", "DDIMScheduler", "beta_end", 0.012,
            "beta_schedule", "scaled_linear", "beta_start", 0.00085, "clip_sample", false, "num_train_timesteps", 1000,
            "prediction_type", "epsilon", "set_alpha_to_one", false, "steps_offset", 1);

    public static final ToyExport SD_V1 = new ToyExport(Timestep.SYMBOLIC, false, false, false, null,
            "OnnxStableDiffusionPipeline", DDIM_V1, 0);

    public ToyExport {
        scheduler = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scheduler));
    }

    /** SD 2.x 768 as exported: pad "!", v-prediction, a [batch] timestep, VAE latent_parameters. */
    public static ToyExport sd2v() {
        return new ToyExport(Timestep.PER_ROW, true, true, false, "!", "StableDiffusionPipeline",
                with(DDIM_V1, "prediction_type", "v_prediction", "timestep_spacing", "leading"), 0);
    }

    /** An LCM-distilled SD 1.5 (guidance folded in and fed as timestep_cond, LCMScheduler's config). */
    public static ToyExport lcm() {
        return new ToyExport(Timestep.PER_ROW, false, false, true, null, "LatentConsistencyModelPipeline",
                ordered("_class_name", "LCMScheduler", "beta_end", 0.012, "beta_schedule", "scaled_linear",
                        "beta_start", 0.00085, "clip_sample", false, "num_train_timesteps", 1000,
                        "original_inference_steps", 50, "prediction_type", "epsilon", "set_alpha_to_one", true,
                        "steps_offset", 1, "timestep_scaling", 10.0, "timestep_spacing", "leading"), 256);
    }

    /** SD-turbo (SD 2.1 base distilled): pad "!", Euler with trailing spacing, no CFG. */
    public static ToyExport turbo() {
        return new ToyExport(Timestep.PER_ROW, true, false, true, "!", "StableDiffusionPipeline",
                ordered("_class_name", "EulerDiscreteScheduler", "beta_end", 0.012, "beta_schedule", "scaled_linear",
                        "beta_start", 0.00085, "interpolation_type", "linear", "num_train_timesteps", 1000,
                        "prediction_type", "epsilon", "steps_offset", 1, "timestep_spacing", "trailing",
                        "use_karras_sigmas", false), 0);
    }

    public ToyExport withTimestep(Timestep value) {
        return new ToyExport(value, vaeParameters, vPrediction, foldedGuidance, padToken, pipelineClass, scheduler, guidanceInput);
    }

    public ToyExport withVaeParameters(boolean value) {
        return new ToyExport(timestep, value, vPrediction, foldedGuidance, padToken, pipelineClass, scheduler, guidanceInput);
    }

    public ToyExport withVPrediction(boolean value) {
        return new ToyExport(timestep, vaeParameters, value, foldedGuidance, padToken, pipelineClass, scheduler,
                guidanceInput);
    }

    public ToyExport withPipelineClass(String value) {
        return new ToyExport(timestep, vaeParameters, vPrediction, foldedGuidance, padToken, value, scheduler, guidanceInput);
    }

    public ToyExport withScheduler(Map<String, Object> value) {
        return new ToyExport(timestep, vaeParameters, vPrediction, foldedGuidance, padToken, pipelineClass, value, guidanceInput);
    }

    /** The scheduler config with {@code keyValues} set (a null value removes the field). */
    public static Map<String, Object> with(Map<String, Object> config, Object... keyValues) {
        Map<String, Object> copy = new LinkedHashMap<>(config);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                copy.remove((String) keyValues[i]);
            } else {
                copy.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return copy;
    }

    /** "" for SD v1's export; otherwise a short stable suffix for the cache folder name. */
    public String folderSuffix() {
        if (equals(SD_V1)) {
            return "";
        }
        return "-e" + Integer.toHexString(toString().hashCode());
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        return with(new LinkedHashMap<>(), keyValues);
    }
}
