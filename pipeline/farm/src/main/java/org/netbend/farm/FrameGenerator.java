package org.netbend.farm;

import java.util.List;
import org.netbend.core.RgbImage;
import org.netbend.job.JobEvent;
import org.netbend.render.FrameRequest;

/**
 * What RENDER needs from a model: frames for requests, its default image size, and where its time went.
 * {@link DiffusionGenerator} is the real one; benchmarks and fault-injection tests plug in their own through
 * a {@link GeneratorFactory}, never through a production flag.
 */
public interface FrameGenerator extends AutoCloseable {

    int defaultWidth();

    int defaultHeight();

    /** Renders the requests as one batch; the result is in request order. */
    List<RgbImage> generate(List<FrameRequest> requests);

    /** Adds the model's time per stage since the last call into {@code stageNanos} ({@link JobEvent.Stage} order). */
    void drainTimings(long[] stageNanos);

    @Override
    void close();
}
