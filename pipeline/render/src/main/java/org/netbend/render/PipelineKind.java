package org.netbend.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a model folder holds, from its {@code model_index.json} (or, without one, from the folders only other
 * pipelines have), so a folder netbend cannot render gets one line naming what it is instead of an ONNX error
 * about a missing or mismatched input.
 */
final class PipelineKind {
    /** What netbend renders, for the error line. */
    static final String RENDERS = "netbend renders Stable Diffusion 1.x and 2.x pipelines (SD 1.4/1.5, SD 2.x base"
            + " and 768, their LCM and turbo distillations) exported to ONNX in the diffusers layout";

    /** Class-name fragments of pipelines netbend cannot run, with what they are; checked in order. */
    private static final List<String[]> OTHERS = List.of(
            new String[] {"xl", "an SDXL pipeline (two text encoders, a larger U-Net with extra conditioning)"},
            new String[] {"stablediffusion3", "an SD3 pipeline (an MMDiT transformer and three text encoders)"},
            new String[] {"controlnet", "a ControlNet pipeline (a U-Net steered by an extra control image)"},
            new String[] {"inpaint", "an inpainting pipeline (a 9-channel U-Net that takes a mask)"},
            new String[] {"upscale", "an upscaler pipeline (a U-Net conditioned on a low-resolution image)"},
            new String[] {"depth2img", "a depth-to-image pipeline (a 5-channel U-Net that takes a depth map)"},
            new String[] {"pix2pix", "an InstructPix2Pix pipeline (an 8-channel U-Net)"},
            new String[] {"unclip", "an unCLIP pipeline (image-embedding conditioning)"},
            new String[] {"flux", "a FLUX pipeline (a transformer, not a U-Net)"},
            new String[] {"pixart", "a PixArt pipeline (a transformer, not a U-Net)"},
            new String[] {"kandinsky", "a Kandinsky pipeline"},
            new String[] {"cascade", "a Stable Cascade pipeline"},
            new String[] {"wuerstchen", "a Wuerstchen pipeline"},
            new String[] {"video", "a video diffusion pipeline"});

    private PipelineKind() { }

    /** Throws an IOException with one line when {@code dir} holds something other than an SD 1.x/2.x pipeline. */
    static void requireStableDiffusion(Path dir) throws IOException {
        Path index = dir.resolve("model_index.json");
        if (Files.isRegularFile(index)) {
            String name = className(index);
            if (name != null && !isStableDiffusion(name)) {
                throw new IOException("model folder " + dir + " holds " + describe(name) + " (model_index.json: "
                        + name + "); " + RENDERS);
            }
            return;
        }
        Path config = dir.resolve("config.json");
        if (Files.isRegularFile(config)) {
            String name = className(config);
            if (name != null) {
                throw new IOException("model folder " + dir + " holds a single " + name + " model, not a pipeline"
                        + " (config.json); " + RENDERS);
            }
        }
        if (Files.isDirectory(dir.resolve("text_encoder_2"))) {
            throw new IOException("model folder " + dir + " holds an SDXL or SD3 pipeline (it has text_encoder_2); "
                    + RENDERS);
        }
        if (Files.isDirectory(dir.resolve("transformer"))) {
            throw new IOException("model folder " + dir + " holds a transformer pipeline (SD3, FLUX, PixArt), not a"
                    + " U-Net one; " + RENDERS);
        }
    }

    static boolean isStableDiffusion(String className) {
        String n = className.toLowerCase(Locale.ROOT);
        boolean family = n.contains("stablediffusion") || n.contains("latentconsistencymodel");
        return family && OTHERS.stream().noneMatch(o -> n.contains(o[0]));
    }

    static String describe(String className) {
        String n = className.toLowerCase(Locale.ROOT);
        for (String[] other : OTHERS) {
            if (n.contains(other[0])) {
                return other[1];
            }
        }
        return "a " + className + " pipeline, not a Stable Diffusion one";
    }

    private static String className(Path json) throws IOException {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new IOException(json + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        JsonNode name = node == null ? null : node.get("_class_name");
        return name != null && name.isTextual() ? name.asText() : null;
    }
}
