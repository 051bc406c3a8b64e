package org.netbend.farm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.netbend.core.RgbImage;
import org.netbend.job.JobEvent;
import org.netbend.render.DownloadListener;
import org.netbend.render.FrameRequest;
import org.netbend.render.ModelResolver;
import org.netbend.render.ModelSource;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.StageTimings;

/** The real generator: Stable Diffusion (or the toy model) on ONNX Runtime. */
public final class DiffusionGenerator implements FrameGenerator {
    private final StableDiffusion model;
    private final long[] lastNanos = new long[StageTimings.Stage.values().length];

    private DiffusionGenerator(StableDiffusion model) {
        this.model = model;
    }

    /** The factory RENDER uses unless a test or benchmark supplies another. */
    public static GeneratorFactory factory() {
        return DiffusionGenerator::open;
    }

    static DiffusionGenerator open(String source, RunOptions options, String device) throws IOException {
        Path folder = new ModelResolver(Path.of(options.cacheDir()), DownloadListener.SILENT)
                .resolve(ModelSource.parse(source));
        return new DiffusionGenerator(StableDiffusion.open(folder,
                RuntimeOptions.cpu().withDevice(device).withThreads(options.threadsPerSlot())));
    }

    @Override
    public int defaultWidth() { return model.info().imageWidth(); }

    @Override
    public int defaultHeight() { return model.info().imageHeight(); }

    @Override
    public List<RgbImage> generate(List<FrameRequest> requests) {
        return requests.size() == 1 ? List.of(model.generate(requests.get(0))) : model.generateBatch(requests);
    }

    @Override
    public void drainTimings(long[] stageNanos) {
        StageTimings timings = model.timings();
        for (StageTimings.Stage stage : StageTimings.Stage.values()) {
            long now = timings.nanos(stage);
            stageNanos[farmStage(stage).ordinal()] += now - lastNanos[stage.ordinal()];
            lastNanos[stage.ordinal()] = now;
        }
    }

    private static JobEvent.Stage farmStage(StageTimings.Stage stage) {
        return switch (stage) {
            case TOKENIZE, TEXT_ENCODER -> JobEvent.Stage.TEXT;
            case UNET -> JobEvent.Stage.UNET;
            case SCHEDULER -> JobEvent.Stage.SCHEDULER;
            case BEND -> JobEvent.Stage.BEND;
            case VAE_DECODE -> JobEvent.Stage.VAE_DECODE;
            case VAE_ENCODE -> JobEvent.Stage.VAE_ENCODE;
        };
    }

    @Override
    public void close() {
        model.close();
    }
}
