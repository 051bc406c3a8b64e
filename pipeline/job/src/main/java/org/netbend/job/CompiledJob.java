package org.netbend.job;

import java.util.List;
import org.netbend.bend.BendProgram;
import org.netbend.bend.BendSpec;

/**
 * A request checked whole and decoded once for the stages: its canonical JSON (what {@code request.json} and
 * segments carry), its id, and its bends parsed and compiled. PLAN builds one per job; RENDER keeps one per job
 * beside its model.
 */
public record CompiledJob(JobRequest request, String json, String jobId, List<BendSpec> bends, BendProgram program) {
    public CompiledJob {
        bends = List.copyOf(bends);
    }

    /** The same job under another id: a service client may name its job (the store's folder) itself. */
    public CompiledJob withJobId(String id) {
        return new CompiledJob(request, json, JobIds.check("jobId", id), bends, program);
    }

    /** Decodes and checks a request's JSON. */
    public static CompiledJob fromJson(String json) {
        return JobRequest.fromJson(json).compile();
    }
}
