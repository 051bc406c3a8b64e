package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A request is checked whole before any work starts (the CLI and a service path call the same check). */
class JobRequestTest {

    private static JobRequest request(List<String> bends, int steps, String method, String scheduler, int size) {
        return new JobRequest(JobRequest.SCHEMA_VERSION, "audio/x.wav", "x.wav", List.of(new PromptCue(0, "a")), "",
                PromptInterpolation.LINEAR, bends, 20, steps, 7.5, 46, size, size, SamplerName.of(scheduler),
                Method.of(method), 0.5, 4, NoiseWalk.CODE, 0.6, 0.3, 100, "toy", 40);
    }

    @Test
    void validRequestPassesAndItsIdFollowsItsContent() {
        JobRequest a = request(List.of("rotate-r1@40=rms[0..2pi]"), 50, "txt2img", "ddim", 512).validated();
        JobRequest b = request(List.of("rotate-r1@40=rms[0..2pi]"), 50, "txt2img", "ddim", 512);
        JobRequest c = request(List.of("rotate-r1@41=rms[0..2pi]"), 50, "txt2img", "ddim", 512);
        assertEquals(a.jobId(), b.jobId());
        assertNotEquals(a.jobId(), c.jobId());
        assertEquals(16, a.jobId().length());
        assertEquals(a, JobRequest.fromJson(a.toJson()));
    }

    @Test
    void aBendAtALayerTheSamplerNeverRunsIsRefused() {
        IllegalArgumentException txt = assertThrows(IllegalArgumentException.class,
                () -> request(List.of("add@40=rms"), 30, "txt2img", "ddim", 0).validated());
        assertTrue(txt.getMessage().startsWith("request field 'bends': "), txt.getMessage());
        assertTrue(txt.getMessage().contains("runs only 30 steps"), txt.getMessage());
        // img2img at strength 0.5 runs 25 of 50 steps; layers count within them.
        IllegalArgumentException chain = assertThrows(IllegalArgumentException.class,
                () -> request(List.of("add@30=rms"), 50, "img2img", "ddim", 0).validated());
        assertTrue(chain.getMessage().contains("runs only the last int(strength * steps) = 25 of the 50"), chain.getMessage());
        assertEquals(25, request(List.of(), 50, "img2img", "ddim", 0).stepsRun());
    }

    @Test
    void targetsOutsideTheLatentAndBadSpecsAreRefused() {
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> request(List.of("add@10:row(40)=1"), 50, "txt2img", "ddim", 256).validated());
        assertTrue(row.getMessage().startsWith("request field 'bends'"), row.getMessage());
        IllegalArgumentException op = assertThrows(IllegalArgumentException.class,
                () -> request(List.of("frobnicate@1=2"), 50, "txt2img", "ddim", 0).validated());
        assertTrue(op.getMessage().contains("frobnicate"), op.getMessage());
    }

    @Test
    void stepsAndSchedulerAreBounded() {
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> request(List.of(), 1000, "txt2img", "ddim", 0).validated());
        assertEquals("request field 'steps' must be in 1..999, got 1000", steps.getMessage());
        IllegalArgumentException scheduler = assertThrows(IllegalArgumentException.class,
                () -> request(List.of(), 50, "txt2img", "plms", 0).validated());
        assertEquals("request field 'scheduler' must be one of ddim, euler, euler-ancestral, dpm++2m, dpm++2m-karras, lcm (or a ComfyUI/A1111 name such as dpmpp_2m, 'DPM++ 2M Karras', 'Euler a'), got 'plms'",
                scheduler.getMessage());
    }

    @Test
    void unknownJsonFieldsAreNamed() {
        String json = request(List.of(), 50, "txt2img", "ddim", 0).toJson().replace("\"fps\"", "\"fsp\"");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> JobRequest.fromJson(json));
        assertEquals("fsp", e.field());
        assertEquals("request field 'fsp' is not a known field", e.getMessage());
    }

    @Test
    void aMisspelledChoiceInJsonNamesItsField() {
        String json = request(List.of(), 50, "txt2img", "ddim", 0).toJson().replace("\"txt2img\"", "\"txt3img\"");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> JobRequest.fromJson(json));
        assertEquals("request field 'method' must be one of txt2img, img2img, got 'txt3img'", e.getMessage());
    }

    @Test
    void compilingParsesTheBendsOnceAndKeepsTheCanonicalJson() {
        JobRequest request = request(List.of("rotate-r1@40=rms[0..2pi]", "add@0-3=flux[0..2]"), 50, "txt2img", "ddim", 0);
        CompiledJob job = request.compile();
        assertEquals(request.toJson(), job.json());
        assertEquals(request.jobId(), job.jobId());
        assertEquals(2, job.bends().size());
        assertEquals("rotate-r1@40=rms[0..2pi]", job.bends().get(0).canonical());
        assertEquals(job.request(), CompiledJob.fromJson(job.json()).request());
    }

    @Test
    void withAModelDigestTheJobIdFollowsTheModelsFilesNotItsFolder() {
        String digest = "ab".repeat(32);
        JobRequest here = request(List.of(), 50, "txt2img", "ddim", 0);
        JobRequest elsewhere = new RequestBuilder().audio("audio/x.wav", "x.wav").prompt("a").model("/other/folder")
                .chainOverlap(4).walkLength(0.6).segmentLength(40).build();
        assertNotEquals(here.jobId(), elsewhere.jobId(), "without a digest the model's path is part of the id");
        assertEquals(here.withModelDigest(digest).jobId(), elsewhere.withModelDigest(digest).jobId(),
                "the same model in another folder finds its frames");
        assertNotEquals(here.withModelDigest(digest).jobId(), here.withModelDigest("cd".repeat(32)).jobId(),
                "another model copied into the same folder renders anew");
        JobRequest stored = JobRequest.fromJson(here.withModelDigest(digest).toJson());
        assertEquals(here.withModelDigest(digest).jobId(), stored.jobId(), "request.json keeps the digest");
        assertTrue(assertThrows(InvalidRequestException.class, () -> here.withModelDigest("xyz").validated())
                .getMessage().contains("modelDigest"));
    }

    /** The README's headline bend at the default img2img strength: refused, naming the layer probably meant. */
    @Test
    void anImg2imgLayerPastTheStepsThatRunNamesTheLayerOfTheSameFraction() {
        InvalidRequestException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestException.class,
                () -> new RequestBuilder().audio("audio/a.wav", "a.wav").model("toy").prompt("3D mesh geometry")
                        .bends(List.of("rotate-r1@40=rms[0..2pi]")).method(Method.IMG2IMG).build());
        assertEquals("bends", e.field());
        assertTrue(e.getMessage().contains("runs only the last int(strength * steps) = 25 of the 50 steps")
                && e.getMessage().contains("layer 40 of the full schedule is layer 20 here"), e.getMessage());
    }
}
