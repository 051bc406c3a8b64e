package org.netbend.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stems and MIDI in job files, submissions and the request: decoded, held inside the store, and required by bends. */
class SourcesRequestTest {
    private static final String AUDIO = "audio/" + "ab".repeat(32) + ".wav";
    private static final String DRUMS = "audio/" + "cd".repeat(32) + ".wav";
    private static final String MIDI = "midi/" + "ef".repeat(32) + ".mid";
    private final SubmissionDecoder decoder = new SubmissionDecoder(new StoreScope("studio", "netbend"), "toy");

    @TempDir Path dir;

    private static RequestBuilder builder() {
        return new RequestBuilder().audio(AUDIO, "song.wav").model("toy").prompt("a forest");
    }

    private Submission decode(String extra) {
        String json = "{\"schema\": 1, \"audio\": \"" + AUDIO + "\", \"prompt\": \"a forest\"" + extra + "}";
        return assertInstanceOf(Submission.class, decoder.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    private InvalidRequestException rejected(String extra) {
        return assertThrows(InvalidRequestException.class, () -> decode(extra));
    }

    @Test
    void aJobFileNamesStemsAndMidiBesideItself() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("piece"));
        Path file = Files.writeString(folder.resolve("job.yaml"), """
                version: 1
                prompt: a forest
                stems: {drums: drums.wav, bass: ../shared/bass.flac}
                midi: score/piece.mid
                bends: ["add@40=rms@drums[0..2]"]
                """);
        JobFile job = JobFile.read(file);
        assertEquals(Map.of("drums", folder.resolve("drums.wav").toAbsolutePath(),
                "bass", dir.resolve("shared/bass.flac").toAbsolutePath()), job.stems());
        assertEquals(folder.resolve("score/piece.mid").toAbsolutePath(), job.midi());
        // The bends are the file's; the stems become keys once the CLI has their content addresses.
        JobRequest request = job.applyTo(new RequestBuilder().audio(AUDIO, "song.wav").model("toy"))
                .stem("drums", DRUMS).build();
        assertEquals(List.of("add@40=rms@drums[0..2]"), request.bends());
        assertEquals(Map.of("drums", DRUMS), request.stemKeys());
    }

    @Test
    void aJobFileWithBadStemsIsRefusedWithTheKeyNamed() throws IOException {
        for (String[] bad : new String[][] {
            {"stems: [drums.wav]", "job file .*'stems' must be a mapping of NAME: FILE"},
            {"stems: {Drums: d.wav}", "'stems.Drums' has the name 'Drums'; stem names are 1..32 of a-z"},
            {"stems: {ch2: d.wav}", "'stems.ch2' .*ch1..ch16 name MIDI channels"},
            {"stems: {drums: 3}", "'stems.drums' must name a file, got 3"},
            {"midi: [a.mid]", "'midi' must name a MIDI file"}}) {
            Path file = Files.writeString(dir.resolve("bad.yaml"), "prompt: p\n" + bad[0] + "\n");
            String message = assertThrows(InvalidRequestException.class, () -> {
                JobFile job = JobFile.read(file);
                job.stems();
                job.midi();
            }).getMessage();
            assertTrue(message.matches("(?s).*" + bad[1] + ".*"), message);
        }
    }

    @Test
    void stemsAndMidiThatNoBendReadsAreNamed() {
        JobRequest request = builder().stem("drums", DRUMS).stem("hats", AUDIO).midi(MIDI)
                .bends(List.of("add@40=rms@drums[0..2]", "multiply@41=flux@percussive")).build();
        assertEquals(List.of("stem 'hats'", "the MIDI file"), request.unreadSources());
        JobRequest allRead = builder().stem("drums", DRUMS).midi(MIDI)
                .bends(List.of("add@40=rms@drums[0..2]", "add@41=velocity@ch3")).build();
        assertEquals(List.of(), allRead.unreadSources());
        assertEquals(List.of(), builder().bends(List.of("add@40=rms")).build().unreadSources());
    }

    @Test
    void submittedStemsAndMidiAreKeysInsideTheStoresBucketAndPrefix() {
        Submission s = decode(", \"stems\": {\"drums\": \"s3://studio/netbend/" + DRUMS + "\"}, \"midi\": \""
                + MIDI + "\", \"bends\": [\"add@40=rms@drums\", \"add@41=note@ch1\"]");
        assertEquals(Map.of("drums", DRUMS), s.request().stemKeys());
        assertEquals(MIDI, s.request().midiKey());
    }

    @Test
    void submittedStemsOutsideTheStoreOrWithBadNamesAreRejected() {
        assertEquals("stems.drums", rejected(", \"stems\": {\"drums\": \"s3://other/x.wav\"}").field());
        assertEquals("stems.drums", rejected(", \"stems\": {\"drums\": \"s3://studio/elsewhere/x.wav\"}").field());
        assertEquals("stems.drums", rejected(", \"stems\": {\"drums\": \"audio/../jobs/x/request.json\"}").field());
        assertEquals("stems.drums", rejected(", \"stems\": {\"drums\": \"/etc/passwd\"}").field());
        assertEquals("midi", rejected(", \"midi\": \"../x.mid\"").field());
        assertEquals("stems", rejected(", \"stems\": \"drums.wav\"").field());
        assertTrue(rejected(", \"stems\": {\"../x\": \"a.wav\"}").getMessage().contains("stem names are 1..32"));
        assertTrue(rejected(", \"stems\": {\"drums\": \"a.wav\", \"drums\": \"b.wav\"}").getMessage()
                .contains("drums"), "a stem named twice is refused");
    }

    @Test
    void theStemsExampleOfTheDocsDecodes() throws IOException {
        Submission s = assertInstanceOf(Submission.class,
                decoder.decode(Files.readAllBytes(Path.of("../../docs/examples/submission-stems.json"))));
        assertEquals(Set.of("drums"), s.request().stemKeys().keySet());
        assertTrue(s.request().midiKey().startsWith("midi/"));
    }

    @Test
    void aBendOnAStemThatIsNotGivenIsRefusedNamingTheBendAndTheStem() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> builder()
                .bends(List.of("add@40=flux", "add@40=rms@drums[0..2]")).stem("bass", DRUMS).build());
        assertEquals("bends", e.field());
        assertTrue(e.getMessage().contains("bend 1 'add@40=rms@drums[0..2]' reads rms@drums, but no stem 'drums'"
                + " was given (stems given: bass; --stem drums=FILE"), e.getMessage());
    }

    @Test
    void aBendOnMidiWithoutAMidiFileIsRefused() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> builder().bends(List.of("rotate-r1@45=max(rms,velocity@ch1)")).build());
        assertTrue(e.getMessage().contains("bend 0 'rotate-r1@45=max(rms,velocity@ch1)") && e.getMessage()
                .contains("reads velocity@ch1, but no MIDI file was given (--midi FILE"), e.getMessage());
        assertEquals(MIDI, builder().bends(List.of("add@40=note@ch1")).midi(MIDI).build().midiKey());
    }

    @Test
    void theSeparatedPartsOfTheMixNeedNoFile() {
        JobRequest request = builder().bends(List.of("add@40=onset_env@percussive", "add@30=rms@harmonic")).build();
        assertTrue(request.stemKeys().isEmpty());
    }

    @Test
    void stemsAndMidiTravelInTheRequestJsonAndDecideTheJobId() {
        JobRequest plain = builder().build();
        assertFalse(plain.toJson().contains("stemKeys") || plain.toJson().contains("midiKey"),
                "a request without stems keeps its JSON (and id) as before");
        JobRequest stems = builder().stem("drums", DRUMS).stem("bass", AUDIO).midi(MIDI).build();
        assertEquals(stems, JobRequest.fromJson(stems.toJson()));
        assertNotEquals(plain.jobId(), stems.jobId());
        JobRequest reordered = builder().stem("bass", AUDIO).stem("drums", DRUMS).midi(MIDI).build();
        assertEquals(stems.jobId(), reordered.jobId(), "the order stems are given in is not part of the job");
        JobRequest changed = builder().stem("drums", "audio/" + "00".repeat(32) + ".wav").stem("bass", AUDIO)
                .midi(MIDI).build();
        assertNotEquals(stems.jobId(), changed.jobId(), "another stem file (another content key) is another job");
        assertNull(plain.midiKey());
    }

    @Test
    void aRequestJsonWithAKeyOutsideTheStoreIsRefused() {
        String json = builder().stem("drums", DRUMS).build().toJson().replace(DRUMS, "../../etc/passwd");
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> JobRequest.fromJson(json).validated());
        assertEquals("stemKeys.drums", e.field());
    }

    @Test
    void atMostSixteenStems() {
        RequestBuilder many = builder();
        for (int i = 0; i < 17; i++) {
            many.stem("s" + i, DRUMS);
        }
        assertEquals("stems", assertThrows(InvalidRequestException.class, many::build).field());
    }
}
