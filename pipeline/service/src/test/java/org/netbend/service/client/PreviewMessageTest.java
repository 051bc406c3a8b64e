package org.netbend.service.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netbend.job.PreviewSettings;
import org.netbend.job.RequestBuilder;
import org.netbend.job.StoreScope;
import org.netbend.job.Submission;
import org.netbend.job.SubmissionDecoder;

/** A preview sent on the requests topic decodes to the same preview: same request, same job id, never the render. */
class PreviewMessageTest {
    @Test
    void aPreviewCrossesTheTopicUnchanged() {
        RequestBuilder builder = new RequestBuilder().audio("audio/" + "ab".repeat(32) + ".wav", "drums.wav")
                .model("toy").prompt("3D mesh geometry").steps(50).size("512x512")
                .bends(List.of("rotate-r1@40=rms[0..2pi]", "add@0-10=flux[0..2]"));
        Submission full = new Submission("full", 1, null, builder.build());
        builder.preview(PreviewSettings.parse("4,12,256x256"));
        Submission preview = new Submission("preview", 1, null, builder.build());
        SubmissionDecoder decoder = new SubmissionDecoder(new StoreScope(null, ""), "toy");
        Submission decoded = (Submission) decoder.decode(RequestMessages.render(preview)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(preview, decoded);
        assertEquals(preview.request().jobId(), decoded.request().jobId());
        assertEquals(List.of("rotate-r1@9=rms[0..2pi]", "add@0-2=flux[0..2]"), decoded.request().bends());
        assertNotEquals(full.request().jobId(), decoded.request().jobId());
    }
}
