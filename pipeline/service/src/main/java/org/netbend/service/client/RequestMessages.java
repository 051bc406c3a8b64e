package org.netbend.service.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.netbend.job.Cancellation;
import org.netbend.job.JobRequest;
import org.netbend.job.LaneFields;
import org.netbend.job.PromptCue;
import org.netbend.job.Submission;

/**
 * The JSON a client puts on the requests topic (docs/request.md): the flat form that
 * {@link org.netbend.job.SubmissionDecoder} reads back into an equal request, every field in camelCase (the wire's
 * one spelling; {@link org.netbend.job.WireNames}). Every setting is written, defaults included, so the service
 * renders exactly the request whose id the client printed.
 */
public final class RequestMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestMessages() { }

    public static String render(Submission submission) {
        JobRequest r = submission.request();
        ObjectNode m = header("render", submission.jobId());
        m.put("priority", submission.priority());
        if (submission.output() != null) {
            m.put("output", submission.output());
        }
        if (submission.album() != null) {
            m.put("album", submission.album());
        }
        m.put("audio", r.audioKey());
        m.put("audioName", r.audioName());
        if (!r.stemKeys().isEmpty()) {
            ObjectNode stems = m.putObject("stems");
            r.stemKeys().forEach(stems::put);
        }
        if (r.midiKey() != null) {
            m.put("midi", r.midiKey());
        }
        ArrayNode prompts = m.putArray("prompts");
        for (PromptCue cue : r.prompts()) {
            prompts.addObject().put("at", cue.at()).put("text", cue.text());
        }
        m.put("negative", r.negativePrompt());
        m.put("interpolation", r.promptInterpolation().spelling());
        r.bends().forEach(m.putArray("bends")::add);
        if (!r.lanes().isEmpty()) {
            ObjectNode lanes = m.putObject("lanes"); // the compact form request.json holds, read back the same
            r.lanes().forEach((name, lane) -> lanes.set(name, LaneFields.toJson(lane)));
        }
        m.put("fps", r.fps());
        m.put("steps", r.steps());
        m.put("guidance", r.guidance());
        m.put("seed", r.seed());
        if (r.width() > 0 && r.height() > 0) {
            m.put("size", r.width() + "x" + r.height());
        }
        m.put("scheduler", r.scheduler().spelling());
        m.put("method", r.method().spelling());
        m.put("strength", r.strength());
        m.put("chainOverlap", r.chainOverlap());
        m.put("walk", r.walk().spelling());
        m.put("walkLength", r.walkLength());
        m.put("walkWeight", r.walkWeight());
        m.put("walkFrames", r.walkFrames());
        m.put("segmentLength", r.segmentLength());
        m.put("model", r.model());
        if (r.preview() != null) {
            // The preview's own steps, size and bends are written above: applied to them the preview scales by 1.
            m.putObject("preview").put("every", r.preview().every()).put("frames", r.preview().frames())
                    .put("steps", r.steps());
        }
        if (r.modelDigest() != null) {
            m.put("modelDigest", r.modelDigest()); // the service checks it is its model's: the id hashes it
        }
        return write(m);
    }

    public static String cancel(Cancellation cancellation) {
        return write(header("cancel", cancellation.jobId()));
    }

    private static ObjectNode header(String type, String jobId) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schema", Submission.SCHEMA);
        m.put("type", type);
        m.put("jobId", jobId);
        return m;
    }

    private static String write(ObjectNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
