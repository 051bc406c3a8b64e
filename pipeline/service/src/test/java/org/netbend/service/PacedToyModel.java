package org.netbend.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.netbend.core.RgbImage;
import org.netbend.farm.DiffusionGenerator;
import org.netbend.farm.FrameGenerator;
import org.netbend.farm.GeneratorFactory;
import org.netbend.render.FrameRequest;

/**
 * The real toy model, paced to at least {@code millisPerFrame} per frame, so that a test can act while a job is
 * still rendering (cancel it, submit another) however fast or loaded the machine is. The frames are the toy
 * model's own.
 */
final class PacedToyModel implements GeneratorFactory {
    private final long millisPerFrame;
    private final int failAtFrame;
    private final String faultMarker;

    PacedToyModel(long millisPerFrame) {
        this(millisPerFrame, -1, null);
    }

    /**
     * The same, except that the first rendering of {@code failAtFrame} dies as a task whose device went away would
     * (an I/O failure, which the service answers by restarting from its checkpoint). "First" holds across restarts
     * because it is decided by creating {@code marker}, which succeeds once.
     */
    PacedToyModel(long millisPerFrame, int failAtFrame, Path marker) {
        this.millisPerFrame = millisPerFrame;
        this.failAtFrame = failAtFrame;
        this.faultMarker = marker == null ? null : marker.toString();
    }

    private void maybeFail(List<FrameRequest> requests) {
        if (faultMarker == null || requests.stream().noneMatch(r -> r.frameIndex() == failAtFrame)) {
            return;
        }
        try {
            Files.createFile(Path.of(faultMarker));
        } catch (java.nio.file.FileAlreadyExistsException fired) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new UncheckedIOException(new IOException("injected fault: the task died rendering frame " + failAtFrame));
    }

    @Override
    public FrameGenerator open(String model, org.netbend.farm.RunOptions options, String device)
            throws java.io.IOException {
        FrameGenerator toy = DiffusionGenerator.factory().open(model, options, device);
        return new FrameGenerator() {
            @Override
            public int defaultWidth() { return toy.defaultWidth(); }

            @Override
            public int defaultHeight() { return toy.defaultHeight(); }

            @Override
            public List<RgbImage> generate(List<FrameRequest> requests) {
                maybeFail(requests);
                long until = System.nanoTime() + millisPerFrame * 1_000_000L * requests.size();
                List<RgbImage> frames = toy.generate(requests);
                try {
                    long left = until - System.nanoTime();
                    if (left > 0) {
                        Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return frames;
            }

            @Override
            public void drainTimings(long[] stageNanos) { toy.drainTimings(stageNanos); }

            @Override
            public void close() { toy.close(); }
        };
    }
}
