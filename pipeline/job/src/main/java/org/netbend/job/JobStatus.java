package org.netbend.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/** The content of {@code status.json}: what a job produced, for people and for the next run. */
public record JobStatus(String jobId, String state, int frames, double durationSeconds, int width, int height,
        String videoCodec, String pixelFormat, String audioCodec) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static final String DONE = "DONE";

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
