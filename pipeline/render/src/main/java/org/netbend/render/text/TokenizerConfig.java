package org.netbend.render.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a Hugging Face tokenizer folder says about framing, from {@code tokenizer_config.json} and
 * {@code special_tokens_map.json} (the latter wins where both name a token, as transformers loads them):
 * SD v1 pads with {@code <|endoftext|>}, SD 2.x (OpenCLIP) with {@code !}.
 *
 * @param padToken  the padding token, null when neither file names one
 * @param maxLength {@code model_max_length}, 0 when absent or one of transformers' "unbounded" sentinels
 */
public record TokenizerConfig(String padToken, int maxLength) {
    public static final TokenizerConfig NONE = new TokenizerConfig(null, 0);
    /** transformers writes ~1e30 for "no limit"; real CLIP lengths are 77. */
    private static final int SANE_LIMIT = 4096;

    public static TokenizerConfig read(Path folder) throws IOException {
        JsonNode config = readJson(folder.resolve("tokenizer_config.json"));
        JsonNode special = readJson(folder.resolve("special_tokens_map.json"));
        String pad = token(special.path("pad_token"));
        if (pad == null) {
            pad = token(config.path("pad_token"));
        }
        double max = config.path("model_max_length").asDouble(0);
        int maxLength = max >= 2 && max <= SANE_LIMIT ? (int) max : 0;
        return new TokenizerConfig(pad, maxLength);
    }

    /** A token is written as a string or as {@code {"content": ...}} (transformers' AddedToken). */
    private static String token(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        JsonNode content = node.path("content");
        return content.isTextual() ? content.asText() : null;
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
