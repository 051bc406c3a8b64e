package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stored request's settings as a job file give the same request, and job id, back. */
class RequestSettingsTest {
    private static final String AUDIO = "audio/" + "ab".repeat(32) + ".wav";

    @Test
    void aRequestsSettingsRoundTripThroughItsJobFile() {
        JobRequest request = new RequestBuilder().audio(AUDIO, "drums.wav").model("toy")
                .prompts(List.of(new PromptCue(0, "3D mesh geometry"), new PromptCue(4.5, "glass")))
                .negative("blurry").steps(7).seed(9).size("64x48").walkLength(0.4).segmentLength(12)
                .bends(List.of("rotate-r1@4=rms[0..2pi]", "add@0=lane:swell[0..1]"))
                .lanes(LaneFields.parse(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("swell", "0:(0), 4.5:(1.2), 9:(0)")))
                .build();
        JobFile file = RequestSettings.of(request, Path.of("job.yaml"));
        String yaml = file.toYaml();
        assertTrue(yaml.contains("walk-length: 0.4"), "a job file spells kebab-case: " + yaml);
        JobFile loaded = JobFile.of(Path.of("job.yaml"), yaml);
        JobRequest again = loaded.applyTo(new RequestBuilder().audio(AUDIO, "drums.wav")).build();
        assertEquals(request, again);
        assertEquals(request.jobId(), again.jobId());
        assertEquals(yaml, loaded.toYaml(), "the text round-trips");
        assertEquals(Map.of(), loaded.stems());
    }
}
