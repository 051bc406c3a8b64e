package org.netbend.farm;

import java.io.IOException;
import java.util.Set;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.netbend.store.ObjectStore;
import org.netbend.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RENDER in the Flink job: one slot renders whole segments. The model stays loaded in the slot between
 * segments (it is only reopened when a job asks for a different one), and the slot's GPU comes from Flink's
 * GPU external resource when the cluster declares one.
 */
public final class RenderFunction extends RichFlatMapFunction<Segment, JobEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(RenderFunction.class);
    private final RunOptions options;
    private final GeneratorFactory generators;
    private transient ObjectStore store;
    private transient String loadedModel;
    private transient FrameGenerator generator;
    private transient String device;

    public RenderFunction(RunOptions options, GeneratorFactory generators) {
        this.options = options;
        this.generators = generators;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        store = Stores.open(options.store(), System.getenv());
        device = resolveDevice(getRuntimeContext().getExternalResourceInfos("gpu"));
    }

    /** "cuda" becomes "cuda:N" when Flink's GPU plugin tells this TaskManager which GPU it has. */
    private String resolveDevice(Set<ExternalResourceInfo> gpus) {
        if (!options.device().equals("cuda") || gpus.isEmpty()) {
            return options.device();
        }
        return gpus.iterator().next().getProperty("index").map(index -> "cuda:" + index).orElse("cuda");
    }

    @Override
    public void flatMap(Segment segment, Collector<JobEvent> out) throws Exception {
        JobRequest request = JobRequest.fromJson(segment.requestJson());
        new SegmentRenderer(generator(request.model()), store, options, TempFiles.workDir())
                .render(segment, out::collect);
    }

    private FrameGenerator generator(String model) throws IOException {
        if (!model.equals(loadedModel)) {
            closeGenerator();
            LOG.info("slot {} opening model {} on {}", getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    model, device);
            generator = generators.open(model, options, device);
            loadedModel = model;
        }
        return generator;
    }

    private void closeGenerator() {
        if (generator != null) {
            generator.close();
            generator = null;
            loadedModel = null;
        }
    }

    @Override
    public void close() {
        closeGenerator();
        if (store != null) {
            store.close();
        }
    }
}
