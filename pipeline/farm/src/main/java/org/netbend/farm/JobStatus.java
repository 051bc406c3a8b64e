package org.netbend.farm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import org.netbend.assemble.VideoInfo;

/** The content of {@code status.json}: what a job produced, for people and for the next run. */
public record JobStatus(String jobId, String state, int frames, double durationSeconds, int width, int height,
        String videoCodec, String pixelFormat, String audioCodec) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static JobStatus done(String jobId, VideoInfo info) {
        return new JobStatus(jobId, "DONE", info.frameCount(), info.durationSeconds(), info.width(), info.height(),
                info.videoCodec(), info.pixelFormat(), info.audioCodec());
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
