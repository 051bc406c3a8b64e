package org.netbend.service.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netbend.job.LaneFields;
import org.netbend.job.RequestBuilder;
import org.netbend.job.StoreScope;
import org.netbend.job.Submission;
import org.netbend.job.SubmissionDecoder;

/** A request with drawn lanes crosses the requests topic with its lanes: the service renders the id the client printed. */
class LaneMessageTest {
    @Test
    void lanesCrossTheTopicUnchanged() {
        RequestBuilder builder = new RequestBuilder().audio("audio/" + "cd".repeat(32) + ".wav", "drums.wav")
                .model("toy").prompt("3D mesh geometry").steps(4)
                .bends(List.of("add@0=lane:swell[0..2]", "rotate-r1@2=lane:turn[0..2pi]"))
                .lane("swell", LaneFields.option("swell:cubic=0:(0), 1.5:(1.2), 3:(0)").getValue())
                .lane("turn", LaneFields.option("turn:step=0:(0), 2:(3.1)").getValue());
        Submission sent = new Submission("with-lanes", 1, null, builder.build());
        Submission decoded = (Submission) new SubmissionDecoder(new StoreScope(null, ""), "toy")
                .decode(RequestMessages.render(sent).getBytes(StandardCharsets.UTF_8));
        assertEquals(sent.request().lanes(), decoded.request().lanes());
        assertEquals(sent.request().toJson(), decoded.request().toJson());
        assertEquals(sent.request().jobId(), decoded.request().jobId());
    }
}
