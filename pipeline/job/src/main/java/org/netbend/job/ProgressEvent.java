package org.netbend.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * What the progress topic carries, keyed by job id: PROGRESS at most once per interval per job while frames are
 * stored, and SEGMENT when a segment is finished. Delivered at least once; {@code framesDone} counts each frame
 * once, so a repeated event never moves a client's bar backwards or forwards.
 *
 * @param segment   SEGMENT: its index; PROGRESS: -1
 * @param slot      SEGMENT: the render slot that rendered it (-1 when unknown)
 * @param worker    SEGMENT: the TaskManager that rendered it, when known
 * @param etaSeconds seconds until every frame is stored; -1 while unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressEvent(int schema, String jobId, Kind kind, int framesDone, int framesTotal, int segmentsDone,
        int segmentCount, double framesPerSecond, double etaSeconds, int segment, int slot, String worker) {

    public enum Kind { PROGRESS, SEGMENT }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProgressEvent fromJson(String json) {
        try {
            return JSON.readValue(json, ProgressEvent.class);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of(e);
        }
    }
}
