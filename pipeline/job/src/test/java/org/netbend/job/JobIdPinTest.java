package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Job ids are the hash of the request's JSON and name the store's folders: a change of the request's code must
 * not change the JSON of an existing request, or every stored render would be rendered again. The JSON and the id
 * were recorded before the request moved into this module.
 */
class JobIdPinTest {
    private static final String PINNED_ID = "b0d4ac595d4bcad9";

    private static JobRequest known() {
        return known(Method.IMG2IMG);
    }

    private static JobRequest known(Method method) {
        return new JobRequest(1, "audio/0123abcd.wav", "drums.wav",
                List.of(new PromptCue(0, "3D mesh geometry"), new PromptCue(4.5, "a forest")), "blurry",
                PromptInterpolation.SLERP, List.of("rotate-r1@40=rms[0..2pi]", "add@0-10:channel(2)=flux[0..2]"), 20,
                50, 7.5, 46, 512, 512, SamplerName.DDIM, method, 0.5, 8, NoiseWalk.CODE, 0.6283185307179586,
                0.3, 100, "toy", 40);
    }

    @Test
    void aKnownRequestKeepsItsJsonAndItsId() throws IOException {
        String recorded;
        try (InputStream in = JobIdPinTest.class.getResourceAsStream("pinned-request.json")) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(recorded, known().toJson());
        assertEquals(PINNED_ID, known().jobId());
        assertEquals(PINNED_ID, JobRequest.fromJson(recorded).jobId());
    }

    /** (The pinned request bends layer 40 of an img2img run of 25 steps, so only txt2img passes the checks.) */
    @Test
    void theBuilderMakesTheSameRequestFromSettings() {
        JobRequest built = new RequestBuilder().audio("audio/0123abcd.wav", "drums.wav").model("toy")
                .prompt("3D mesh geometry").promptAt(4.5, "a forest").negative("blurry")
                .interpolation(PromptInterpolation.SLERP)
                .bends(List.of("rotate-r1@40=rms[0..2pi]", "add@0-10:channel(2)=flux[0..2]"))
                .size("512x512").method(Method.TXT2IMG).build();
        assertEquals(known(Method.TXT2IMG).toJson(), built.toJson());
    }
}
