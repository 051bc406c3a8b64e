package org.netbend.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.netbend.farm.RunOptions;
import org.netbend.job.JobEvent;
import org.netbend.job.JobResult;
import org.netbend.job.JobStatus;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * A job's end as its one result: DONE with the video's key, frame count, length and a presigned URL (when the
 * store can make one), FAILED with the reason, CANCELLED. Other events pass by.
 */
final class ResultFunction extends RichFlatMapFunction<JobEvent, JobResult> {
    private final RunOptions options;
    private final Duration urlExpiry;
    private transient ObjectStore store;

    ResultFunction(RunOptions options, Duration urlExpiry) {
        this.options = options;
        this.urlExpiry = urlExpiry;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = options.openStore();
    }

    @Override
    public void flatMap(JobEvent event, Collector<JobResult> out) throws Exception {
        switch (event.kind()) {
            case DONE -> out.collect(done(event));
            case FAILED -> out.collect(JobResult.failed(event.jobId(), event.detail()));
            case CANCELLED -> out.collect(JobResult.cancelled(event.jobId()));
            default -> { }
        }
    }

    private JobResult done(JobEvent event) throws Exception {
        JobKeys keys = new JobKeys(event.jobId());
        Optional<byte[]> bytes = store.get(keys.status());
        JobStatus status = null;
        try {
            status = bytes.map(b -> JobStatus.fromJson(new String(b, StandardCharsets.UTF_8))).orElse(null);
        } catch (IllegalArgumentException unreadable) {
            // the DONE event's own count answers; a status that cannot be read must not fail the service
        }
        int frames = status != null ? status.frames() : event.totalFrames();
        double seconds = status != null ? status.durationSeconds() : 0;
        Optional<String> url = store.presignedUrl(keys.video(), urlExpiry);
        return JobResult.done(event.jobId(), keys.video(), frames, seconds, url.orElse(null),
                url.isPresent() ? Instant.now().plus(urlExpiry).toString() : null);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
