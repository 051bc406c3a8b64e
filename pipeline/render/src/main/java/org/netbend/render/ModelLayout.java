package org.netbend.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The diffusers ONNX folder layout netbend reads. */
public final class ModelLayout {
    public static final String TEXT_ENCODER = "text_encoder/model.onnx";
    public static final String UNET = "unet/model.onnx";
    public static final String VAE_DECODER = "vae_decoder/model.onnx";
    public static final String VAE_ENCODER = "vae_encoder/model.onnx";
    public static final String VOCAB = "tokenizer/vocab.json";
    public static final String MERGES = "tokenizer/merges.txt";

    /** Files without which nothing can be rendered (vae_encoder is needed for img2img only). */
    public static final List<String> REQUIRED = List.of(TEXT_ENCODER, UNET, VAE_DECODER, VOCAB, MERGES);

    private ModelLayout() { }

    /** The required files {@code dir} lacks; empty when complete. */
    public static List<String> missing(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String file : REQUIRED) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                missing.add(file);
            }
        }
        return missing;
    }

    public static void requireComplete(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("model folder " + dir + " does not exist");
        }
        PipelineKind.requireStableDiffusion(dir); // an SDXL or SD3 folder is named as such, not as "missing files"
        List<String> missing = missing(dir);
        if (!missing.isEmpty()) {
            throw new IOException("model folder " + dir + " is not a Stable Diffusion ONNX export (diffusers layout):"
                    + " missing " + String.join(", ", missing));
        }
    }
}
