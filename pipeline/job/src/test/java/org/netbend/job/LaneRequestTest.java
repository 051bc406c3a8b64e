package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.Lane;
import org.netbend.core.LaneInterpolation;
import org.netbend.core.LanePoint;
import org.netbend.core.LaneTime;

/** Lanes in job files, submissions, --lane and the request: one lane in every spelling, part of the job id. */
class LaneRequestTest {
    private static final String AUDIO = "audio/" + "ab".repeat(32) + ".wav";
    private final SubmissionDecoder decoder = new SubmissionDecoder(new StoreScope("studio", "netbend"), "toy");

    @TempDir Path dir;

    private static RequestBuilder builder() {
        return new RequestBuilder().audio(AUDIO, "song.wav").model("toy").prompt("a forest")
                .bends(List.of("add@40=lane:swell[0..2]"));
    }

    private JobRequest fromFile(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("job.yaml"), "version: 1\nprompt: a forest\n" + yaml);
        return JobFile.read(file).applyTo(new RequestBuilder().audio(AUDIO, "song.wav").model("toy")).build();
    }

    private Submission decode(String extra) {
        String json = "{\"schema\": 1, \"audio\": \"" + AUDIO + "\", \"audio-name\": \"song.wav\", \"prompt\": \"a forest\""
                + extra + "}";
        return assertInstanceOf(Submission.class, decoder.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everySpellingOfALaneGivesTheSameRequestAndJobId() throws IOException {
        JobRequest schedule = fromFile("bends: [\"add@40=lane:swell[0..2]\"]\nlanes: {swell: \"0:(0), 4.5:(1.2), 1:30:(0)\"}\n");
        JobRequest points = fromFile("bends: [\"add@40=lane:swell[0..2]\"]\n"
                + "lanes:\n  swell: {interpolation: linear, points: [[0, 0], [4.5, 1.2], [\"1:30\", 0]]}\n");
        JobRequest option = builder().lane("swell", LaneFields.option("swell:linear=0:(0), 4.5:(1.2), 90:(0)")
                .getValue()).build();
        Submission submitted = decode(", \"bends\": [\"add@40=lane:swell[0..2]\"], "
                + "\"lanes\": {\"swell\": {\"schedule\": \"0:(0), 4.5:(1.2), 90:(0)\"}}");
        assertEquals(schedule, points);
        assertEquals(schedule, option);
        assertEquals(schedule.jobId(), submitted.request().jobId());
        assertEquals(new Lane(LaneInterpolation.LINEAR, List.of(new LanePoint(LaneTime.seconds(0), 0),
                new LanePoint(LaneTime.seconds(4.5), 1.2), new LanePoint(LaneTime.seconds(90), 0))),
                schedule.lanes().get("swell"));
    }

    @Test
    void theRequestHoldsTheCompactFormAndReadsItBack() {
        JobRequest request = builder().lane("swell", LaneFields.option("swell:cubic=0b:(0), 8b:(1)").getValue())
                .lane("knob", LaneFields.option("knob:step=0:(0), 2.5:(127)").getValue()).build();
        String json = request.toJson();
        assertTrue(json.contains("\"lanes\" : {\n    \"knob\" : {\n      \"interpolation\" : \"step\",\n"
                + "      \"points\" : [ [ 0.0, 0.0 ], [ 2.5, 127.0 ] ]"), json);
        assertTrue(json.contains("\"points\" : [ [ \"0b\", 0.0 ], [ \"8b\", 1.0 ] ]"), json);
        assertEquals(request, JobRequest.fromJson(json));
        assertEquals(request.jobId(), JobRequest.fromJson(json).jobId());
        assertEquals(List.of("lane 'knob'"), request.unreadSources());
    }

    @Test
    void aLaneIsPartOfTheJobIdAndARequestWithoutLanesKeepsItsJson() {
        JobRequest plain = new RequestBuilder().audio(AUDIO, "song.wav").model("toy").prompt("a forest").build();
        assertFalse(plain.toJson().contains("lanes"), "no lanes: the JSON and id from before lanes existed");
        JobRequest one = builder().lane("swell", LaneFields.option("swell=0:(0), 4:(1)").getValue()).build();
        JobRequest other = builder().lane("swell", LaneFields.option("swell=0:(0), 4:(2)").getValue()).build();
        JobRequest cubic = builder().lane("swell", LaneFields.option("swell:cubic=0:(0), 4:(1)").getValue()).build();
        assertNotEquals(one.jobId(), other.jobId());
        assertNotEquals(one.jobId(), cubic.jobId());
        // The command line's lane replaces the job file's lane of the same name.
        JobRequest replaced = builder().lane("swell", LaneFields.option("swell=0:(0), 4:(2)").getValue())
                .lane("swell", LaneFields.option("swell=0:(0), 4:(1)").getValue()).build();
        assertEquals(one, replaced);
    }

    @Test
    void aBendReadingALaneThatWasNotGivenIsRefusedByName() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> builder().build());
        assertEquals("bends", e.field());
        assertEquals("request field 'bends': bend 0 'add@40=lane:swell[0..2]' reads lane:swell, but no lane 'swell' "
                + "was given (lanes given: none; --lane swell=\"0:(0), 4.5:(1)\", or lanes: {swell: \"0:(0), 4.5:(1)\"}"
                + " in a job file)", e.getMessage());
    }

    @Test
    void aBadLaneNamesTheLaneAndThePoint() {
        assertEquals("request field 'lanes.swell' point 3 (4.5 s): times must increase; point 2 is at 6 s",
                assertThrows(InvalidRequestException.class, () -> decode(", \"lanes\": {\"swell\": "
                        + "\"0:(0), 6:(1), 4.5:(2)\"}")).getMessage());
        assertEquals("request field 'lanes.swell' point 2 ([\"x\",1]): 'x' is not a time; write seconds (12.5), "
                + "minutes:seconds (1:30, 0:07.5) or beats of the track's tempo (8b)",
                assertThrows(InvalidRequestException.class, () -> decode(", \"lanes\": {\"swell\": {\"points\": "
                        + "[[0, 0], [\"x\", 1]]}}")).getMessage());
        assertEquals("request field 'lanes.swell' point 1 ([0,\"a\"]): the value must be a finite number",
                assertThrows(InvalidRequestException.class, () -> decode(", \"lanes\": {\"swell\": {\"points\": "
                        + "[[0, \"a\"]]}}")).getMessage());
        assertEquals("request field 'lanes.swell.interpolation' interpolation must be one of step, linear, cubic, got "
                + "'spline'", assertThrows(InvalidRequestException.class, () -> decode(", \"lanes\": {\"swell\": "
                        + "{\"interpolation\": \"spline\", \"schedule\": \"0:(0)\"}}")).getMessage());
        assertEquals("request field 'lanes.swell' needs exactly one of points: [[TIME, VALUE], ...] and schedule: "
                + "\"TIME:(VALUE), ...\"", assertThrows(InvalidRequestException.class, () -> decode(", \"lanes\": "
                        + "{\"swell\": {\"interpolation\": \"step\"}}")).getMessage());
        assertTrue(assertThrows(InvalidRequestException.class, () -> decode(", \"lanes\": {\"Swell\": \"0:(0)\"}"))
                .getMessage().contains("lane name 'Swell' must be 1..32 of a-z, 0-9, '_' and '-'"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> LaneFields.option("swell 0:(0)"))
                .getMessage().contains("must be given as NAME[:step|linear|cubic]=SCHEDULE"));
    }

    @Test
    void aRecordingOfManyPointsFitsAndTooManyIsRefused() {
        StringBuilder points = new StringBuilder("[");
        for (int i = 0; i < Lane.MAX_POINTS; i++) {
            points.append(i == 0 ? "" : ",").append("[").append(i * 0.03).append(",").append(i % 128).append("]");
        }
        Submission recorded = decode(", \"bends\": [\"add@40=lane:knob\"], \"lanes\": {\"knob\": {\"interpolation\": "
                + "\"step\", \"points\": " + points + "]}}");
        assertEquals(Lane.MAX_POINTS, recorded.request().lanes().get("knob").points().size());
        String tooMany = points + ",[" + Lane.MAX_POINTS * 0.03 + ",0]]";
        assertTrue(assertThrows(InvalidRequestException.class, () -> decode(", \"lanes\": {\"knob\": {\"points\": "
                + tooMany + "}}")).getMessage().contains("has 20001 points; a lane holds at most 20000"));
    }

    @Test
    void schedulerAliasesFromComfyUiAndA1111GiveTheCanonicalNameAndTheSameJobId() throws IOException {
        for (String alias : List.of("dpmpp_2m", "DPM++ 2M", "dpm++ 2m", "DPMSolverMultistepScheduler")) {
            assertEquals(SamplerName.DPMPP_2M, SamplerName.of(alias), alias);
        }
        assertEquals(SamplerName.DPMPP_2M_KARRAS, SamplerName.of("DPM++ 2M Karras"));
        assertEquals(SamplerName.EULER_ANCESTRAL, SamplerName.of("Euler a"));
        assertEquals(SamplerName.EULER_ANCESTRAL, SamplerName.of("euler_ancestral"));
        assertEquals(SamplerName.LCM, SamplerName.of("lcm"));
        assertEquals(SamplerName.DDIM, SamplerName.of("DDIM"));
        SamplerAliases.SPELLINGS.forEach((alias, name) -> assertEquals(name, SamplerName.of(alias), alias));
        JobRequest canonical = new RequestBuilder().audio(AUDIO, "song.wav").model("toy").prompt("a forest")
                .scheduler(SamplerName.EULER_ANCESTRAL).build();
        JobRequest fromFile = fromFile("scheduler: Euler a\n");
        assertEquals(canonical.jobId(), fromFile.jobId());
        assertTrue(fromFile.toJson().contains("\"scheduler\" : \"euler-ancestral\""));
        assertEquals(canonical.jobId(), decode(", \"scheduler\": \"euler_ancestral\"").request().jobId());
        assertThrows(InvalidRequestException.class, () -> SamplerName.of("plms"));
    }

    @Test
    void theDocumentedExampleDecodes() throws IOException {
        Submission example = assertInstanceOf(Submission.class, decoder.decode(readExample("submission-lanes.json")));
        assertEquals(List.of("knob", "pulse", "swell"), List.copyOf(example.request().lanes().keySet()));
        assertEquals(SamplerName.DPMPP_2M_KARRAS, example.request().scheduler());
        assertEquals(List.of(), example.request().unreadSources());
        assertEquals(2.5, example.request().lanes().get("knob").points().get(2).time().amount());
    }

    @Test
    void theDocumentedJobFileLoadsWithTheSameLanesAsTheSubmission() {
        JobRequest fromFile = JobFile.read(Path.of("../../docs/examples/lanes-job.yaml"))
                .applyTo(new RequestBuilder().audio(AUDIO, "song.wav").model("toy")).build();
        Submission submitted = assertInstanceOf(Submission.class, decoder.decode(readExample("submission-lanes.json")));
        assertEquals(submitted.request().lanes(), fromFile.lanes());
        assertEquals(List.of(0.0, 30.0), fromFile.prompts().stream().map(PromptCue::at).toList());
        assertEquals(SamplerName.DPMPP_2M_KARRAS, fromFile.scheduler());
    }

    private static byte[] readExample(String name) {
        try {
            return Files.readAllBytes(Path.of("../../docs/examples", name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void promptTimesTakeMinutesAndSecondsInJobFiles() throws IOException {
        JobRequest request = fromFile("prompts: [{at: 0, text: a}, {at: \"1:30\", text: b}, {at: 95.5, text: c}]\n");
        assertEquals(List.of(0.0, 90.0, 95.5), request.prompts().stream().map(PromptCue::at).toList());
        assertEquals(Map.of(), request.lanes());
    }
}
