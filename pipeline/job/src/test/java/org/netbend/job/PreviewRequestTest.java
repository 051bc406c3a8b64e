package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A preview is a request of its own: fewer steps, another size, scaled bends, every k-th frame, another id. */
class PreviewRequestTest {
    private static final String AUDIO = "audio/" + "ab".repeat(32) + ".wav";
    private final SubmissionDecoder decoder = new SubmissionDecoder(new StoreScope("studio", "netbend"), "toy");

    private JobRequest decode(String extra) {
        String json = "{\"schema\": 1, \"audio\": \"" + AUDIO + "\", \"prompt\": \"a forest\", \"steps\": 40,"
                + " \"bends\": [\"rotate-r1@20=rms[0..2pi]\", \"add@0-9=flux[0..2]\", \"multiply@final=1.1\"]"
                + extra + "}";
        return ((Submission) decoder.decode(json.getBytes(StandardCharsets.UTF_8))).request();
    }

    @Test
    void aPreviewIsAnotherJobWithFewerStepsAndItsBendsAtTheSameFractionOfTheSchedule() {
        JobRequest full = decode("");
        JobRequest preview = decode(", \"preview\": {\"every\": 4, \"steps\": 10, \"size\": \"128x64\"}");
        assertNull(full.preview());
        assertEquals(new Preview(4, 0), preview.preview());
        assertEquals(10, preview.steps());
        assertEquals(128, preview.width());
        assertEquals(64, preview.height());
        assertEquals(List.of("rotate-r1@5=rms[0..2pi]", "add@0-2=flux[0..2]", "multiply@final=1.1"), preview.bends());
        assertNotEquals(full.jobId(), preview.jobId());
        assertEquals(preview.jobId(), JobRequest.fromJson(preview.toJson()).jobId()); // request.json round-trips
        assertTrue(preview.toJson().contains("\"preview\""));
        assertTrue(!full.toJson().contains("preview"), "a full render's JSON (and id) is as before previews");
    }

    /** The preview written back as a flat message (its own steps, size and bends) decodes to the same request. */
    @Test
    void aPreviewWrittenWithItsOwnStepsAndBendsIsTheSameRequest() {
        JobRequest preview = decode(", \"preview\": {\"every\": 4, \"steps\": 10, \"size\": \"128x64\"}");
        String again = "{\"schema\": 1, \"audio\": \"" + AUDIO + "\", \"prompt\": \"a forest\", \"steps\": 10,"
                + " \"size\": \"128x64\", \"bends\": [" + String.join(", ", preview.bends().stream()
                .map(b -> "\"" + b + "\"").toList()) + "], \"preview\": {\"every\": 4, \"steps\": 10}}";
        JobRequest decoded = ((Submission) decoder.decode(again.getBytes(StandardCharsets.UTF_8))).request();
        assertEquals(preview, decoded);
        assertEquals(preview.jobId(), decoded.jobId());
    }

    @Test
    void defaultsAreEveryFourthFrameAQuarterOfTheStepsAndTheRendersSize() {
        JobRequest preview = decode(", \"preview\": {}");
        assertEquals(new Preview(PreviewSettings.DEFAULT_EVERY, 0), preview.preview());
        assertEquals(10, preview.steps());
        assertEquals(0, preview.width());
        assertEquals(PreviewSettings.defaults(), PreviewSettings.parse(""));
        assertEquals(new PreviewSettings(3, 12, "256x256", 0), PreviewSettings.parse("3,12,256x256"));
        assertEquals(new PreviewSettings(2, 0, null, 0), PreviewSettings.parse("2"));
    }

    @Test
    void framesAreEveryKthOfTheFullRenderAtTheirTimes() {
        Preview preview = new Preview(4, 0);
        assertEquals(3, preview.frameCount(9)); // frames 0, 4, 8
        assertEquals(3, preview.frameCount(12)); // 0, 4, 8
        assertEquals(8, preview.sourceFrame(2));
        assertEquals(1, new Preview(1, 1).frameCount(100)); // a gallery cell: frame 0 only
        JobRequest request = decode(", \"preview\": {\"every\": 4}");
        assertEquals(5.0, request.videoFps(), 1e-12); // 20 fps / 4: the video keeps the frames' times
        assertEquals(12, request.sourceFrame(3));
    }

    @Test
    void badPreviewsAreRefusedNamingTheField() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> decode(", \"preview\": {\"every\": 0}"));
        assertEquals("preview.every", e.field());
        e = assertThrows(InvalidRequestException.class, () -> decode(", \"preview\": {\"every\": 2, \"speed\": 1}"));
        assertEquals("preview.speed", e.field());
        e = assertThrows(InvalidRequestException.class, () -> decode(", \"preview\": {\"size\": \"100x100\"}"));
        assertEquals("preview.size", e.field());
        e = assertThrows(InvalidRequestException.class, () -> decode(", \"preview\": {\"steps\": \"5\"}"));
        assertEquals("preview.steps", e.field());
        e = assertThrows(InvalidRequestException.class, () -> decode(", \"preview\": 4"));
        assertEquals("preview", e.field());
        e = assertThrows(InvalidRequestException.class, () -> PreviewSettings.parse("4,x"));
        assertEquals("preview.steps", e.field());
        e = assertThrows(InvalidRequestException.class, () -> PreviewSettings.parse("1,2,8x8,9"));
        assertEquals("preview", e.field());
    }

    @Test
    void img2imgScalesLayersWithinTheStepsRun() {
        // strength 0.5: 40 steps run 20, a 12-step preview runs 6; layer 10 of 20 is layer 3 of 6.
        String json = "{\"schema\": 1, \"audio\": \"" + AUDIO + "\", \"prompt\": \"a\", \"steps\": 40,"
                + " \"method\": \"img2img\", \"bends\": [\"rotate-r1@10=rms[0..2pi]\"],"
                + " \"preview\": {\"steps\": 12}}";
        JobRequest preview = ((Submission) decoder.decode(json.getBytes(StandardCharsets.UTF_8))).request();
        assertEquals(6, preview.stepsRun());
        assertEquals(List.of("rotate-r1@3=rms[0..2pi]"), preview.bends());
    }
}
