package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kind of bad message is refused with its field named, before any work; good ones decode. */
class SubmissionDecoderTest {
    private static final String AUDIO = "audio/" + "ab".repeat(32) + ".wav";
    private final SubmissionDecoder decoder = new SubmissionDecoder(new StoreScope("studio", "netbend"), "toy",
            Set.of("toy", "sd-v1-4"));

    private ServiceMessage decode(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private InvalidRequestException rejected(String json) {
        return assertThrows(InvalidRequestException.class, () -> decode(json));
    }

    private static String good(String extra) {
        return "{\"schema\": 1, \"audio\": \"" + AUDIO + "\", \"prompt\": \"a forest\"" + extra + "}";
    }

    @Test
    void theDocumentedExampleDecodes() throws IOException {
        byte[] example = Files.readAllBytes(Path.of("../../docs/examples/submission.json"));
        Submission s = assertInstanceOf(Submission.class, decoder.decode(example));
        assertEquals("drums-mesh-v1", s.jobId());
        assertEquals(2, s.priority());
        assertEquals("videos/drums-mesh.mp4", s.output());
        assertEquals(30, s.request().steps());
        assertEquals("toy", s.request().model());
        assertEquals("drums.wav", s.request().audioName());
        Cancellation c = assertInstanceOf(Cancellation.class,
                decoder.decode(Files.readAllBytes(Path.of("../../docs/examples/cancel.json"))));
        assertEquals("drums-mesh-v1", c.jobId());
    }

    @Test
    void withoutAClientIdTheJobIdIsTheRequestsContentId() {
        Submission s = (Submission) decode(good(""));
        assertEquals(s.request().jobId(), s.jobId());
        assertEquals(1, s.priority());
    }

    /** The service's model digest enters the request, so the id is the one render gives the same model files. */
    @Test
    void theServedModelsDigestEntersTheRequestAndAnotherIsRefused() {
        String served = "ab".repeat(32);
        SubmissionDecoder service = new SubmissionDecoder(new StoreScope("studio", "netbend"), "toy", Set.of("toy"),
                OutputKeys.DEFAULT_PREFIX,
                model -> "toy".equals(model) ? served : null);
        Submission filled = (Submission) service.decode(good("").getBytes(StandardCharsets.UTF_8));
        assertEquals(served, filled.request().modelDigest());
        assertEquals(filled.request().jobId(), filled.jobId());
        Submission sent = (Submission) service.decode(good(", \"model-digest\": \"" + served + "\"")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(filled.jobId(), sent.jobId(), "a client that read the digest computes the same id");
        InvalidRequestException other = assertThrows(InvalidRequestException.class, () -> service.decode(
                good(", \"model-digest\": \"" + "cd".repeat(32) + "\"").getBytes(StandardCharsets.UTF_8)));
        assertEquals("modelDigest", other.field());
        assertTrue(other.getMessage().contains("submit it again"), other.getMessage());
    }

    /** -1 means "draw a seed" to a user; the client draws it, so a request that still says -1 is refused. */
    @Test
    void aSeedOfMinusOneIsRefusedTheClientDraws() {
        InvalidRequestException e = rejected(good(", \"seed\": -1"));
        assertEquals("seed", e.field());
        assertTrue(e.getMessage().contains("must be drawn"), e.getMessage());
    }

    @Test
    void audioInsideTheBucketAndPrefixBecomesAKey() {
        Submission s = (Submission) decode(good("").replace(AUDIO, "s3://studio/netbend/uploads/song.flac"));
        assertEquals("uploads/song.flac", s.request().audioKey());
        assertEquals("song.flac", s.request().audioName());
    }

    @Test
    void notJson() {
        assertEquals("(message)", rejected("{\"schema\": 1,").field());
        assertTrue(rejected("hello").getMessage().contains("is not JSON"));
    }

    @Test
    void jsonThatIsNotAnObject() {
        assertTrue(rejected("[1, 2]").getMessage().contains("must be a JSON object, got array"));
        assertTrue(rejected("\"render\"").getMessage().contains("must be a JSON object, got string"));
    }

    @Test
    void anUnknownSchemaVersion() {
        InvalidRequestException e = rejected(good("").replace("\"schema\": 1", "\"schema\": 2"));
        assertEquals("schema", e.field());
        assertEquals("request field 'schema' must be 1, got 2", e.getMessage());
        assertEquals("schema", rejected("{\"audio\": \"" + AUDIO + "\"}").field());
    }

    @Test
    void aMissingField() {
        assertEquals("audio", rejected("{\"schema\": 1, \"prompt\": \"a\"}").field());
        assertEquals("prompts", rejected("{\"schema\": 1, \"audio\": \"" + AUDIO + "\"}").field());
    }

    @Test
    void aMistypedField() {
        InvalidRequestException e = rejected(good(", \"steps\": \"50\""));
        assertEquals("steps", e.field());
        assertTrue(e.getMessage().contains("must be a whole number, got '50'"), e.getMessage());
        assertEquals("fps", rejected(good(", \"fps\": [20]")).field());
        assertEquals("priority", rejected(good(", \"priority\": 1.5")).field());
    }

    @Test
    void anUnknownFieldOperatorOrFeature() {
        assertEquals("stpes", rejected(good(", \"stpes\": 10")).field());
        InvalidRequestException op = rejected(good(", \"bends\": [\"frobnicate@1=2\"]"));
        assertEquals("bends", op.field());
        assertTrue(op.getMessage().contains("frobnicate"), op.getMessage());
        InvalidRequestException feature = rejected(good(", \"bends\": [\"add@1=loudnesss[0..1]\"]"));
        assertTrue(feature.getMessage().contains("unknown feature 'loudnesss'"), feature.getMessage());
    }

    @Test
    void anOutOfRangeValue() {
        assertEquals("request field 'steps' must be in 1..999, got 5000", rejected(good(", \"steps\": 5000")).getMessage());
        assertEquals("priority", rejected(good(", \"priority\": 0")).field());
        assertEquals("strength", rejected(good(", \"strength\": 1.5")).field());
    }

    @Test
    void audioOutsideTheAllowedBucketOrPrefix() {
        assertTrue(rejected(good("").replace(AUDIO, "s3://other/netbend/a.wav")).getMessage()
                .contains("names bucket 'other'"));
        assertTrue(rejected(good("").replace(AUDIO, "s3://studio/elsewhere/a.wav")).getMessage()
                .contains("lies outside the prefix s3://studio/netbend/"));
        assertEquals("audio", rejected(good("").replace(AUDIO, "s3://studio/netbend/../secret/a.wav")).field());
        assertEquals("audio", rejected(good("").replace(AUDIO, "../../etc/passwd")).field());
        assertEquals("audio", rejected(good("").replace(AUDIO, "/etc/passwd")).field());
    }

    @Test
    void aJobIdOutsideTheSafeAlphabet() {
        for (String id : new String[] {"", "../x", "a/b", "a b", "x".repeat(65), ".."}) {
            InvalidRequestException e = rejected(good(", \"jobId\": \"" + id + "\""));
            assertEquals("jobId", e.field(), id);
        }
        assertEquals("jobId", rejected("{\"schema\": 1, \"type\": \"cancel\", \"jobId\": \"../x\"}").field());
        assertEquals("jobId", rejected("{\"schema\": 1, \"type\": \"cancel\"}").field());
    }

    /** camelCase is the wire's spelling; kebab-case is accepted for one release, and the notice says so. */
    @Test
    void bothSpellingsDecodeToTheSameJobAndKebabCaseIsNoticed() {
        Submission camel = (Submission) decode(good(", \"jobId\": \"mine\", \"audioName\": \"drums.wav\", "
                + "\"walkLength\": 0.5, \"segmentLength\": 10, \"chainOverlap\": 2"));
        Submission kebab = (Submission) decode(good(", \"job-id\": \"mine\", \"audio-name\": \"drums.wav\", "
                + "\"walk-length\": 0.5, \"segment-length\": 10, \"chain-overlap\": 2"));
        assertEquals(camel.request(), kebab.request());
        assertEquals(camel.request().jobId(), kebab.request().jobId(), "the spelling never moves a job id");
        assertEquals("mine", kebab.jobId());
        assertEquals("drums.wav", kebab.request().audioName());
        assertEquals(0.5, kebab.request().walkLength());
        assertEquals(java.util.List.of(), camel.notices());
        assertEquals(1, kebab.notices().size());
        String notice = kebab.notices().get(0);
        for (String name : new String[] {"job-id", "audio-name", "walk-length", "jobId", "audioName", "walkLength"}) {
            assertTrue(notice.contains(name), notice);
        }
        assertTrue(notice.startsWith("deprecated spelling"), notice);
        Cancellation cancel = (Cancellation) decode("{\"schema\": 1, \"type\": \"cancel\", \"job-id\": \"mine\"}");
        assertEquals("mine", cancel.jobId());
    }

    @Test
    void aFieldInBothSpellingsIsRefused() {
        InvalidRequestException e = rejected(good(", \"walkLength\": 0.5, \"walk-length\": 0.5"));
        assertEquals("walkLength", e.field());
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
        InvalidRequestException type = rejected(good(", \"walk-frames\": \"many\""));
        assertEquals("walkFrames", type.field(), "errors name the wire's spelling");
    }

    @Test
    void anAlbumIsALabelOutsideTheJobId() {
        Submission plain = (Submission) decode(good(""));
        Submission track = (Submission) decode(good(", \"album\": \"album-1\""));
        assertEquals("album-1", track.album());
        assertEquals(plain.jobId(), track.jobId());
        assertEquals("album", rejected(good(", \"album\": \"../x\"")).field());
    }

    @Test
    void aRequestOverOneMebibyte() {
        String big = good(", \"negative\": \"" + "x".repeat(SubmissionDecoder.MAX_BYTES) + "\"");
        InvalidRequestException e = rejected(big);
        assertEquals("(message)", e.field());
        assertTrue(e.getMessage().contains("requests are at most 1048576 bytes"), e.getMessage());
    }

    @Test
    void aModelTheServiceDoesNotOfferOrAnUnsafeOutput() {
        InvalidRequestException model = rejected(good(", \"model\": \"/etc\""));
        assertEquals("request field 'model' '/etc' is not offered by this service; offered: sd-v1-4, toy",
                model.getMessage());
        assertEquals("output", rejected(good(", \"output\": \"../video.mp4\"")).field());
        assertEquals("output", rejected(good(", \"output\": \"videos/a.mov\"")).field());
    }

    @Test
    void controlCharactersInAnEchoedValueAreEscaped() {
        InvalidRequestException e = rejected(good(", \"method\": \"x\\u001b[31mred\""));
        assertTrue(e.getMessage().contains("\\u001B[31mred"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c == 0x1b), e.getMessage());
    }

    /** Keys the stores refuse are refused here, in every field that names one (issue 18: they stalled the service). */
    @Test
    void everyKeyAFieldNamesIsHeldToTheStoresRule() {
        String[] bad = {"audio/drums mesh.wav", "audio/%2e%2e/%2e%2e/other/x.wav", "audio/tr\u00f6mmel.wav",
            "audio/x\\u0000.wav", "audio/" + "a".repeat(600) + ".wav", "/etc/passwd", "s3://other/netbend/a.wav",
            "audio/\u202egnp.wav", "audio//x.wav", "audio/../x.wav"};
        for (String key : bad) {
            assertEquals("audio", rejected(good("").replace(AUDIO, key)).field(), key);
            assertEquals("stems.drums", rejected(good(", \"stems\": {\"drums\": \"" + key + "\"}, "
                    + "\"bends\": [\"add@1=rms@drums[0..1]\"]")).field(), key);
            assertEquals("midi", rejected(good(", \"midi\": \"" + key + "\"")).field(), key);
            String output = key.startsWith("audio/") ? "videos/" + key.substring(6).replace(".wav", ".mp4") : key;
            assertEquals("output", rejected(good(", \"output\": \"" + output + "\"")).field(), output);
        }
        InvalidRequestException space = rejected(good("").replace(AUDIO, "audio/drums mesh.wav"));
        assertTrue(space.getMessage().contains("outside ASCII letters, digits"), space.getMessage());
    }

    @Test
    void anOutputLiesUnderTheServicesOutputPrefixAndNeverUnderItsOwnFiles() {
        for (String output : new String[] {"jobs/other/video.mp4", "audio/x.mp4", "midi/x.mp4", "service/x.mp4",
            "elsewhere/x.mp4", "videos/", "videos.mp4"}) {
            assertEquals("output", rejected(good(", \"output\": \"" + output + "\"")).field(), output);
        }
        assertEquals("videos/a/b.mp4", ((Submission) decode(good(", \"output\": \"videos/a/b.mp4\""))).output());
        SubmissionDecoder renders = new SubmissionDecoder(new StoreScope("studio", "netbend"), "toy", Set.of("toy"),
                "renders");
        assertEquals("renders/x.mp4", ((Submission) renders.decode(good(", \"output\": \"renders/x.mp4\"")
                .getBytes(StandardCharsets.UTF_8))).output());
        assertThrows(InvalidRequestException.class, () -> renders.decode(good(", \"output\": \"videos/x.mp4\"")
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> OutputKeys.prefix("jobs"));
        assertThrows(IllegalArgumentException.class, () -> OutputKeys.prefix("a b"));
    }

    @Test
    void aRequestHasAtMost256Bends() {
        StringBuilder bends = new StringBuilder();
        for (int i = 0; i <= JobRequest.MAX_BENDS; i++) {
            bends.append(i == 0 ? "" : ", ").append("\"add@1=rms[0..1]\"");
        }
        InvalidRequestException e = rejected(good(", \"bends\": [" + bends + "]"));
        assertEquals("bends", e.field());
        assertTrue(e.getMessage().contains("at most 256"), e.getMessage());
    }
}
