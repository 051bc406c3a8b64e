package org.netbend.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.netbend.job.JobEvent;
import org.netbend.job.JobStatus;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * A finished job answered from the store: when {@code status.json} says DONE and the video is there, the job's
 * DONE event is made from them, so a re-run of a finished request needs no Flink job, plan or model.
 */
public final class StoredVideo {
    private StoredVideo() { }

    /** The DONE event of a job whose video is stored, or empty when the job has to run (again). */
    public static Optional<JobEvent> done(ObjectStore store, String jobId) throws IOException {
        JobKeys keys = new JobKeys(jobId);
        Optional<byte[]> bytes = store.get(keys.status());
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        JobStatus status;
        try {
            status = JobStatus.fromJson(new String(bytes.get(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty(); // a status nobody can read is no answer: run the job, which rewrites it
        }
        if (!status.isDone() || status.frames() <= 0 || !jobId.equals(status.jobId()) || !store.exists(keys.video())) {
            return Optional.empty();
        }
        return Optional.of(JobEvent.done(jobId, status.frames(), 0, new long[JobEvent.Stage.values().length],
                keys.video()));
    }
}
