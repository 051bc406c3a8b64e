package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.JobEvent;
import org.netbend.job.JobState;
import org.netbend.job.JobStatus;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/** A finished job is answered from the store only when its status says DONE and its video is there. */
class StoredVideoTest {
    @TempDir Path temp;

    @Test
    void aDoneJobWithItsVideoIsAnsweredWithItsFrameCount() throws Exception {
        LocalStore store = new LocalStore(temp);
        JobKeys keys = new JobKeys("0123456789abcdef");
        store.put(keys.video(), new byte[] {1, 2, 3});
        store.put(keys.status(), done(keys.jobId(), 180));
        JobEvent event = StoredVideo.done(store, keys.jobId()).orElseThrow();
        assertEquals(JobEvent.Kind.DONE, event.kind());
        assertEquals(180, event.totalFrames());
        assertEquals(keys.video(), event.detail());
        assertEquals(0, java.util.Arrays.stream(event.stageNanos()).sum(), "nothing was rendered");
    }

    @Test
    void anythingLessRunsTheJob() throws Exception {
        LocalStore store = new LocalStore(temp);
        JobKeys keys = new JobKeys("0123456789abcdef");
        assertTrue(StoredVideo.done(store, keys.jobId()).isEmpty(), "nothing stored");
        store.put(keys.status(), done(keys.jobId(), 180));
        assertTrue(StoredVideo.done(store, keys.jobId()).isEmpty(), "status without its video");
        store.put(keys.video(), new byte[] {1});
        store.put(keys.status(), JobStatus.ended(keys.jobId(), JobState.FAILED, "x").toJson()
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(StoredVideo.done(store, keys.jobId()).isEmpty(), "a FAILED job");
        store.put(keys.status(), "{not json".getBytes(StandardCharsets.UTF_8));
        assertTrue(StoredVideo.done(store, keys.jobId()).isEmpty(), "an unreadable status");
        store.put(keys.status(), done("fedcba9876543210", 180));
        assertTrue(StoredVideo.done(store, keys.jobId()).isEmpty(), "another job's status");
    }

    private static byte[] done(String jobId, int frames) {
        return new JobStatus(jobId, JobStatus.DONE, frames, frames / 20.0, 64, 64, "h264", "yuv420p", "aac").toJson()
                .getBytes(StandardCharsets.UTF_8);
    }
}
