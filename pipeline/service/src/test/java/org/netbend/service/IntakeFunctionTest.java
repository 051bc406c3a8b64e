package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.RunOptions;
import org.netbend.job.JobRequest;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.netbend.job.JobStatus;
import org.netbend.job.RequestBuilder;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/** Intake on Flink's keyed operator harness and a real local store: what it answers instead of failing the job. */
class IntakeFunctionTest {
    private static final String AUDIO = "audio/" + "ab".repeat(32) + ".wav";
    private static final String MIDI = "midi/" + "cd".repeat(32) + ".mid";

    @TempDir Path temp;

    private RunOptions options() {
        return new RunOptions(temp.resolve("store").toString(), 1, false, "cpu", 1, 1, temp.resolve("cache").toString());
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Decoded, AcceptedJob> intake() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new IntakeFunction(options())), Decoded::jobId, Types.STRING);
        harness.open();
        return harness;
    }

    private static String requestJson(String midi) {
        RequestBuilder builder = new RequestBuilder().audio(AUDIO, "song.wav").prompt("a forest").model("toy");
        if (midi != null) {
            builder.midi(midi);
        }
        return builder.build().toJson();
    }

    private static List<JobResult> answers(KeyedOneInputStreamOperatorTestHarness<String, Decoded, AcceptedJob> h) {
        var side = h.getSideOutput(IntakeFunction.REJECTED);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** A key no store takes (issue 18: it restarted the service in a loop) is answered, the job never fails. */
    @Test
    void aRequestTheStoreRefusesIsAnsweredFailedInsteadOfFailingTheJob() throws Exception {
        String json = requestJson(null).replace(AUDIO, "audio/drums mesh.wav");
        try (var intake = intake()) {
            intake.processElement(new Decoded("spaced", new AcceptedJob("spaced", 1, null, json)), 0);
            List<JobResult> answers = answers(intake);
            assertEquals(1, answers.size());
            assertEquals(JobState.FAILED, answers.get(0).state());
            assertTrue(answers.get(0).reason().contains("drums mesh.wav"), answers.get(0).reason());
            assertEquals(List.of(), intake.extractOutputValues(), "nothing goes on to PLAN");
        }
    }

    @Test
    void aWavGivenAsMidiIsRejectedByItsContent() throws Exception {
        try (ObjectStore store = options().openStore()) {
            store.put(AUDIO, "RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
            store.put(MIDI, "RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
        }
        try (var intake = intake()) {
            intake.processElement(new Decoded("wav-midi", new AcceptedJob("wav-midi", 1, null, requestJson(MIDI))), 0);
            JobResult answer = answers(intake).get(0);
            assertEquals(JobState.REJECTED, answer.state());
            assertEquals("midi", answer.field());
            assertTrue(answer.reason().contains("is not a MIDI file"), answer.reason());
        }
    }

    /** codes: encoder:NAME must come pinned (submit pins it) and its file must be in the store. */
    @Test
    void aNamedEncoderMustBePinnedAndStored() throws Exception {
        try (ObjectStore store = options().openStore()) {
            store.put(AUDIO, "RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
        }
        String pin = "#" + "0".repeat(64);
        RequestBuilder builder = new RequestBuilder().audio(AUDIO, "song.wav").prompt("a forest").model("toy")
                .bends(List.of("add@0=code(0)"));
        try (var intake = intake()) {
            intake.processElement(new Decoded("unpinned", new AcceptedJob("unpinned", 1, null,
                    builder.codes("encoder:album").build().toJson())), 0);
            intake.processElement(new Decoded("absent", new AcceptedJob("absent", 1, null,
                    builder.codes("encoder:album" + pin).build().toJson())), 0);
            List<JobResult> answers = answers(intake);
            assertEquals(2, answers.size());
            assertEquals("codes", answers.get(0).field());
            assertTrue(answers.get(0).reason().contains("'encoder:album' is not pinned"), answers.get(0).reason());
            assertEquals("codes", answers.get(1).field());
            assertTrue(answers.get(1).reason().contains("'encoders/album.json' does not exist in the service's store"),
                    answers.get(1).reason());
            assertEquals(List.of(), intake.extractOutputValues(), "nothing goes on to PLAN");
        }
        try (ObjectStore store = options().openStore()) {
            store.put("encoders/album.json", "{}".getBytes(StandardCharsets.US_ASCII));
        }
        try (var intake = intake()) {
            intake.processElement(new Decoded("stored", new AcceptedJob("stored", 1, null,
                    builder.codes("encoder:album" + pin).build().toJson())), 0);
            assertEquals(List.of(), answers(intake));
            assertEquals(1, intake.extractOutputValues().size(), "a stored, pinned encoder goes on to PLAN");
        }
    }

    @Test
    void anOutputHoldingAnotherVideoIsRejectedAndADoneJobCopiesItsVideoToANewOutput() throws Exception {
        JobKeys done = new JobKeys("done-job");
        byte[] video = {0, 0, 0, 24, 'f', 't', 'y', 'p', 1};
        try (ObjectStore store = options().openStore()) {
            store.put(AUDIO, new byte[] {1});
            store.put("videos/taken.mp4", new byte[] {9, 9});
            store.put(done.video(), video);
            store.put(done.status(), new JobStatus("done-job", JobStatus.DONE, 10, 1.0, 64, 64, "h264", "yuv420p", "aac")
                    .toJson().getBytes(StandardCharsets.UTF_8));
        }
        try (var intake = intake()) {
            intake.processElement(new Decoded("other", new AcceptedJob("other", 1, "videos/taken.mp4",
                    requestJson(null))), 0);
            JobResult taken = answers(intake).get(0);
            assertEquals(JobState.REJECTED, taken.state());
            assertEquals("output", taken.field());
            assertTrue(taken.reason().contains("already holds another video"), taken.reason());

            intake.processElement(new Decoded("done-job", new AcceptedJob("done-job", 1, "videos/mine.mp4",
                    requestJson(null))), 0);
            assertEquals(1, intake.getSideOutput(IntakeFunction.ALREADY_DONE).size(), "answered DONE from the store");
        }
        try (ObjectStore store = options().openStore()) {
            assertArrayEquals(video, store.get("videos/mine.mp4").orElseThrow(), "DONE means the output exists");
            assertArrayEquals(new byte[] {9, 9}, store.get("videos/taken.mp4").orElseThrow(), "never replaced");
        }
    }

    /** A repeat that attaches to a running job but wants another output would get DONE without it: REJECTED. */
    @Test
    void aRepeatAskingForAnotherOutputThanTheRunningJobIsRejected() throws Exception {
        try (ObjectStore store = options().openStore()) {
            store.put(AUDIO, new byte[] {1});
        }
        try (var intake = intake()) {
            intake.processElement(new Decoded("run", new AcceptedJob("run", 1, "videos/a.mp4", requestJson(null))), 0);
            assertEquals(1, intake.extractOutputValues().size(), "the first request starts the job");
            intake.processElement(new Decoded("run", new AcceptedJob("run", 1, "videos/a.mp4", requestJson(null))), 0);
            assertEquals(List.of(), answers(intake), "the same output attaches");
            intake.processElement(new Decoded("run", new AcceptedJob("run", 1, "videos/b.mp4", requestJson(null))), 0);
            JobResult other = answers(intake).get(0);
            assertEquals(JobState.REJECTED, other.state());
            assertEquals("output", other.field());
            assertEquals(1, intake.extractOutputValues().size(), "nothing new starts");
        }
    }
}
