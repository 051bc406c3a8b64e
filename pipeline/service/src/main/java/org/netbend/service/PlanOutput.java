package org.netbend.service;

import org.netbend.farm.Segment;
import org.netbend.job.JobEvent;

/** What the service's PLAN hands on: a segment to render, or the job's failure (bad audio, say). */
public record PlanOutput(Segment segment, JobEvent failure) {
    static PlanOutput of(Segment segment) {
        return new PlanOutput(segment, null);
    }

    static PlanOutput failed(JobEvent failure) {
        return new PlanOutput(null, failure);
    }
}
