package org.netbend.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.netbend.bend.BendSpec;
import org.netbend.bend.BendYaml;
import org.netbend.farm.PromptCue;

/**
 * A YAML job file (configs/presets/*.yaml): the same settings as render's options. Options given on the
 * command line win over the file.
 */
record JobFile(Path file, JsonNode root, List<PromptCue> prompts, List<BendSpec> bends) {
    private static final Set<String> KEYS = new TreeSet<>(List.of("version", "prompt", "prompts", "negative", "fps",
            "steps", "guidance", "seed", "method", "strength", "size", "scheduler", "walk", "walk-length",
            "walk-weight", "walk-frames", "interpolation", "segment-length", "chain-overlap", "bends"));

    static JobFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("job file not found: " + file);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("job file " + file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new UserError("job file " + file + " must be a YAML mapping of settings");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new UserError("job file " + file + ": unknown key '" + name + "'; known: " + String.join(", ", KEYS));
            }
        }
        if (root.has("version") && root.get("version").asInt() != 1) {
            throw new UserError("job file " + file + ": version must be 1, got " + root.get("version"));
        }
        List<BendSpec> bends;
        try {
            bends = root.has("bends") ? BendYaml.parse(root.get("bends")) : List.of();
        } catch (IllegalArgumentException e) {
            throw new UserError("job file " + file + ": " + e.getMessage());
        }
        return new JobFile(file, root, prompts(file, root), bends);
    }

    private static List<PromptCue> prompts(Path file, JsonNode root) {
        List<PromptCue> cues = new ArrayList<>();
        try {
            if (root.hasNonNull("prompt")) {
                cues.add(new PromptCue(0, root.get("prompt").asText()));
            }
            if (root.has("prompts")) {
                for (JsonNode cue : root.get("prompts")) {
                    if (!cue.has("at") || !cue.has("text")) {
                        throw new UserError("job file " + file + ": each of prompts needs 'at' (seconds) and 'text'");
                    }
                    cues.add(new PromptCue(cue.get("at").asDouble(), cue.get("text").asText()));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("job file " + file + ": " + e.getMessage());
        }
        return cues;
    }

    boolean has(String key) { return root.hasNonNull(key); }

    String text(String key) { return root.get(key).asText(); }

    double number(String key) {
        JsonNode value = root.get(key);
        if (!value.isNumber()) {
            throw new UserError("job file " + file + ": '" + key + "' must be a number, got " + value);
        }
        return value.asDouble();
    }
}
