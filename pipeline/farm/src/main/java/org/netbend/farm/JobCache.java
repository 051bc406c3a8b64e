package org.netbend.farm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.netbend.job.CompiledJob;

/**
 * The jobs a render slot has decoded, by id: a segment's request is decoded and its bends compiled once per job
 * and slot, not once per segment. Least recently used jobs are dropped beyond {@code capacity}. Used by the slot's
 * render thread only.
 */
final class JobCache {
    private final Map<String, CompiledJob> jobs;

    JobCache(int capacity) {
        this.jobs = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompiledJob> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The segment's job, decoded from the JSON it carries the first time this slot sees the job. */
    CompiledJob of(Segment segment) {
        CompiledJob job = jobs.get(segment.jobId());
        if (job == null || !job.json().equals(segment.requestJson())) {
            job = CompiledJob.fromJson(segment.requestJson());
            jobs.put(segment.jobId(), job);
        }
        return job;
    }

    int size() { return jobs.size(); }
}
