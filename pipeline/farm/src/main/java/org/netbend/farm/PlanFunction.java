package org.netbend.farm;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.netbend.job.CompiledJob;
import org.netbend.store.ObjectStore;

/**
 * PLAN in the Flink job: a request (JSON) in, its segments out. After the last segment it stays in
 * {@code flatMap} while it encodes the job's audio for ASSEMBLE (about 35 s for an hour on this machine).
 */
public final class PlanFunction extends RichFlatMapFunction<String, Segment> {
    private final RunOptions options;
    private transient ObjectStore store;

    public PlanFunction(RunOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = options.openStore();
    }

    @Override
    public void flatMap(String requestJson, Collector<Segment> out) throws Exception {
        CompiledJob job = CompiledJob.fromJson(requestJson);
        // Segments go downstream as they are cut: PLAN never holds the whole job's per-frame layout.
        new JobPlanner(store, TempFiles.workDir(), options.force()).plan(job, out::collect);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
