package org.netbend.farm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netbend.core.RgbImage;
import org.netbend.render.FrameRequest;

/**
 * Test-only fault injection through the {@link GeneratorFactory} seam: the real toy-model generator, except that
 * the first attempt to render one chosen frame throws, as a crashed GPU task would. "First" holds across
 * restarts and slots because it is decided by creating a marker file, which succeeds exactly once.
 */
final class FaultyGenerators {
    private FaultyGenerators() { }

    /**
     * @param failAtFrame the frame whose first rendering fails
     * @param marker      a file that must not exist yet; it records that the fault has fired
     * @param delayMillis sleep before each frame (gives checkpoints time to complete while the job runs)
     */
    static GeneratorFactory failOnce(int failAtFrame, Path marker, long delayMillis) {
        String markerPath = marker.toString();
        GeneratorFactory real = DiffusionGenerator.factory();
        return (model, options, device) -> new Faulty(real.open(model, options, device), failAtFrame,
                Path.of(markerPath), delayMillis, null, true);
    }

    /** Actions a test registers for {@link #callOnce}; the MiniCluster runs in the test's JVM. */
    static final Map<String, Runnable> HOOKS = new ConcurrentHashMap<>();

    /**
     * The real generator, except that before the first rendering of {@code atFrame} it runs the hook registered
     * under {@code hook} (e.g. taking the S3 server down), once across restarts and slots.
     */
    static GeneratorFactory callOnce(int atFrame, String hook, Path marker) {
        String markerPath = marker.toString();
        GeneratorFactory real = DiffusionGenerator.factory();
        return (model, options, device) -> new Faulty(real.open(model, options, device), atFrame,
                Path.of(markerPath), 0, hook, false);
    }

    /** Like {@link #failOnce}, but the hook registered under {@code hook} runs (and may wait) before the fault. */
    static GeneratorFactory failOnceAfter(int failAtFrame, String hook, Path marker) {
        String markerPath = marker.toString();
        GeneratorFactory real = DiffusionGenerator.factory();
        return (model, options, device) -> new Faulty(real.open(model, options, device), failAtFrame,
                Path.of(markerPath), 0, hook, true);
    }

    /** Thrown by the injected fault, so a test can tell it from a real failure. */
    static final class InjectedFault extends RuntimeException {
        InjectedFault(String message) {
            super(message);
        }
    }

    private static final class Faulty implements FrameGenerator {
        private final FrameGenerator real;
        private final int failAtFrame;
        private final Path marker;
        private final long delayMillis;
        private final String hook;
        private final boolean fail;

        Faulty(FrameGenerator real, int failAtFrame, Path marker, long delayMillis, String hook, boolean fail) {
            this.hook = hook;
            this.fail = fail;
            this.real = real;
            this.failAtFrame = failAtFrame;
            this.marker = marker;
            this.delayMillis = delayMillis;
        }

        @Override public int defaultWidth() { return real.defaultWidth(); }

        @Override public int defaultHeight() { return real.defaultHeight(); }

        @Override
        public List<RgbImage> generate(List<FrameRequest> requests) {
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (requests.stream().anyMatch(r -> r.frameIndex() == failAtFrame) && fireOnce()) {
                if (hook != null) {
                    HOOKS.get(hook).run();
                }
                if (!fail) {
                    return real.generate(requests);
                }
                throw new InjectedFault("injected fault while rendering frame " + failAtFrame);
            }
            return real.generate(requests);
        }

        private boolean fireOnce() {
            try {
                Files.createFile(marker);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public void drainTimings(long[] stageNanos) { real.drainTimings(stageNanos); }

        @Override public void close() { real.close(); }
    }
}
