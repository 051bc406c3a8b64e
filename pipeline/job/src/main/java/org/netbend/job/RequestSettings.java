package org.netbend.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * A stored request's settings as a job file (kebab-case, as {@code --job} and the studio's editor read them):
 * "open a job's settings again". Applied to a builder with the same track, the file gives the same request and
 * job id. The track, its stems and the MIDI file are store keys here, not files beside a job file, so they are
 * left out: the track is chosen with it, as on the command line.
 */
public final class RequestSettings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestSettings() { }

    public static JobFile of(JobRequest request, Path name) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode prompts = root.putArray("prompts");
        request.prompts().forEach(cue -> prompts.addObject().put("at", cue.at()).put("text", cue.text()));
        root.put("negative", request.negativePrompt());
        root.put("interpolation", request.promptInterpolation().spelling());
        ArrayNode bends = root.putArray("bends");
        request.bends().forEach(bends::add);
        JsonNode lanes = tree(request).get("lanes");
        if (lanes != null && !lanes.isEmpty()) {
            root.set("lanes", lanes);
        }
        root.put("fps", request.fps());
        root.put("steps", request.steps());
        root.put("guidance", request.guidance());
        root.put("seed", request.seed());
        if (request.width() > 0 && request.height() > 0) {
            root.put("size", request.width() + "x" + request.height());
        }
        root.put("scheduler", request.scheduler().spelling());
        root.put("method", request.method().spelling());
        root.put("strength", request.strength());
        root.put("walk", request.walk().spelling());
        root.put("walk-length", request.walkLength());
        root.put("walk-weight", request.walkWeight());
        root.put("walk-frames", request.walkFrames());
        root.put("segment-length", request.segmentLength());
        root.put("chain-overlap", request.chainOverlap());
        root.put("model", request.model());
        return new JobFile(name, root);
    }

    private static JsonNode tree(JobRequest request) {
        try {
            return JSON.readTree(request.toJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a request's own JSON cannot be read back: " + e.getMessage(), e);
        }
    }
}
