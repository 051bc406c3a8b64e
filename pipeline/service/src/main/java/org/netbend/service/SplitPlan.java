package org.netbend.service;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.netbend.farm.Segment;
import org.netbend.job.JobEvent;

/** Segments go on to RENDER; a job PLAN could not plan goes, as FAILED, to ASSEMBLE. */
final class SplitPlan extends ProcessFunction<PlanOutput, Segment> {
    static final OutputTag<JobEvent> FAILED = new OutputTag<>("plan-failed") { };

    @Override
    public void processElement(PlanOutput value, Context context, Collector<Segment> out) {
        if (value.segment() != null) {
            out.collect(value.segment());
        } else {
            context.output(FAILED, value.failure());
        }
    }
}
