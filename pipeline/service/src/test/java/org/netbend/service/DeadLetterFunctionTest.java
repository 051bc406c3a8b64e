package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.RunOptions;
import org.netbend.job.JobResult;
import org.netbend.job.JobState;
import org.netbend.store.ObjectStore;

/**
 * The dead-letter rule on Flink's operator harness and a real local store: each harness is one run of the job, and a
 * new harness after one that was never checkpointed is a restart that reads the same record again.
 */
class DeadLetterFunctionTest {
    private static final int ATTEMPTS = 3;

    @TempDir Path temp;

    private RunOptions options() {
        return new RunOptions(temp.resolve("store").toString(), 1, false, "cpu", 1, 1, temp.resolve("cache").toString());
    }

    private static RawRequest record(long offset, String value) {
        return new RawRequest("job-" + offset, value.getBytes(StandardCharsets.UTF_8), "netbend.requests", 0, offset);
    }

    private OneInputStreamOperatorTestHarness<RawRequest, RawRequest> run() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new DeadLetterFunction(options(), ATTEMPTS));
    }

    private static List<Long> offsets(OneInputStreamOperatorTestHarness<RawRequest, RawRequest> job) {
        return job.extractOutputValues().stream().map(RawRequest::offset).toList();
    }

    @Test
    void aRecordReadAgainAfterEveryRestartIsAnsweredFailedAtTheNthReadAndNotPassedOn() throws Exception {
        RawRequest poison = record(41, "{\"schema\": 1}");
        for (int read = 1; read < ATTEMPTS; read++) {
            try (var job = run()) {
                job.processElement(poison, 0);
                assertEquals(List.of(41L), offsets(job), "read " + read + " passes on");
                assertTrue(job.getSideOutput(DeadLetterFunction.DEAD) == null
                        || job.getSideOutput(DeadLetterFunction.DEAD).isEmpty());
            } // no checkpoint completed: the job failed, and restarts from before the record
        }
        try (var job = run()) {
            job.processElement(poison, 0);
            assertEquals(List.of(), offsets(job), "the last read is not passed on");
            List<JobResult> dead = job.getSideOutput(DeadLetterFunction.DEAD).stream()
                    .map(StreamRecord::getValue).toList();
            assertEquals(1, dead.size());
            assertEquals(JobState.FAILED, dead.get(0).state());
            assertEquals("job-41", dead.get(0).jobId());
            assertTrue(dead.get(0).reason().contains("offset 41"), dead.get(0).reason());
        }
        try (var job = run()) {
            job.processElement(record(41, "another value at a recreated topic's offset"), 0);
            assertEquals(1, job.extractOutputValues().size(), "a count belongs to its record, not to the offset");
        }
    }

    @Test
    void aCheckpointThatCoversARecordForgetsItsCount() throws Exception {
        try (var job = run(); ObjectStore store = options().openStore()) {
            RawRequest first = record(7, "{}");
            job.processElement(first, 0);
            assertEquals(1, store.list(AttemptCounter.PREFIX).size());
            job.snapshot(1, 1);
            RawRequest second = record(8, "{}");
            job.processElement(second, 0);
            job.notifyOfCompletedCheckpoint(1);
            List<String> left = store.list(AttemptCounter.PREFIX);
            assertEquals(List.of(AttemptCounter.PREFIX + DeadLetterFunction.name(second)), left,
                    "only the record after the checkpoint keeps its count");
        }
    }

    @Test
    void aRecordNotFromKafkaPassesUncounted() throws Exception {
        try (var job = run(); ObjectStore store = options().openStore()) {
            RawRequest local = new RawRequest(null, new byte[] {1});
            job.processElement(local, 0);
            assertEquals(1, job.extractOutputValues().size());
            assertFalse(store.list("").stream().anyMatch(k -> k.startsWith(AttemptCounter.PREFIX)));
        }
    }
}
