package org.netbend.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.store.JobKeys;

/**
 * The timings of one render, read from the clock and from the store: a folder store's frame files carry the time
 * each frame was written, whichever process wrote it.
 *
 * @param wallSeconds       submit to DONE at the client
 * @param firstFrameSeconds submit to the first frame in the store
 * @param framesPerSecond   frames over the time from the first to the last frame written
 */
record Run(double wallSeconds, double firstFrameSeconds, double framesPerSecond, int frames, long[] stageNanos) {

    static Run timed(Path storeDir, JobRequest request, Callable<JobEvent> render) throws Exception {
        long submitted = System.currentTimeMillis();
        JobEvent done = render.call();
        long finished = System.currentTimeMillis();
        long[] writes = frameWriteTimes(storeDir.resolve(new JobKeys(request.jobId()).framesPrefix()));
        long first = writes[0];
        long last = writes[writes.length - 1];
        double span = Math.max(1, last - first) / 1000.0;
        return new Run((finished - submitted) / 1000.0, (first - submitted) / 1000.0,
                (done.totalFrames() - 1) / span, done.totalFrames(), done.stageNanos());
    }

    private static long[] frameWriteTimes(Path frames) throws IOException {
        try (Stream<Path> files = Files.list(frames)) {
            return files.mapToLong(file -> {
                try {
                    return Files.getLastModifiedTime(file).toMillis();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toArray();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wall %.1f s, submit to first frame %.1f s, %.1f frames/s (first to last frame);"
                        + " per frame: U-Net %.0f ms, VAE %.0f ms, PNG %.0f ms, store %.0f ms, chunk %.0f ms",
                wallSeconds, firstFrameSeconds, framesPerSecond, perFrame(JobEvent.Stage.UNET),
                perFrame(JobEvent.Stage.VAE_DECODE), perFrame(JobEvent.Stage.PNG), perFrame(JobEvent.Stage.STORE),
                perFrame(JobEvent.Stage.CHUNK_ENCODE));
    }

    private double perFrame(JobEvent.Stage stage) {
        return stage.ordinal() < stageNanos.length ? stageNanos[stage.ordinal()] / 1e6 / frames : 0;
    }
}
