package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.RgbImage;
import org.netbend.job.JobEvent;
import org.netbend.job.JobRequest;
import org.netbend.job.RequestBuilder;
import org.netbend.render.FrameRequest;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;

/**
 * A segment's end (sync, chunk, SEGMENT event) runs beside the render thread, which renders the next segment
 * meanwhile; a stored chunk still means a finished, durable segment.
 */
class SegmentEndTest {
    private static final long WAIT_SECONDS = 60;
    @TempDir Path temp;

    @Test
    void theRenderThreadMovesOnWhileTheSegmentEnds() throws Exception {
        JobRequest request = new RequestBuilder().audio("audio/" + "0".repeat(64) + ".wav", "a.wav").model("toy")
                .prompt("x").fps(10).size("16x16").steps(1).guidance(0).segmentLength(5).build();
        Segment segment = new Segment(request.jobId(), 0, 2, 0, 5, 10, 0, new double[5][0][], request.toJson());
        List<JobEvent> events = new ArrayList<>();
        CountDownLatch endMayRun = new CountDownLatch(1);
        ExecutorService ends = RenderFunction.segmentEnds(0);
        try (LocalStore store = new LocalStore(temp.resolve("store"))) {
            SegmentRenderer renderer = new SegmentRenderer(new Solid(), store, Jobs.options(temp.resolve("store"),
                    temp.resolve("cache"), 1, false), temp.resolve("work"));
            CompletableFuture<Void> done = renderer.render(segment, request.compile(), CancelWatch.NEVER,
                    e -> {
                        synchronized (events) {
                            events.add(e);
                        }
                    }, task -> ends.execute(() -> {
                        await(endMayRun);
                        task.run();
                    }));
            // the render thread is back: every frame is rendered, the segment has not ended
            assertFalse(done.isDone(), "the segment's end waits on its own thread");
            assertFalse(store.exists(ChunkSettings.key(request, 0)), "no chunk before the frames are durable");
            endMayRun.countDown();
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(store.exists(ChunkSettings.key(request, 0)), "the chunk is stored when the segment ends");
            for (int f = 0; f < 5; f++) {
                assertTrue(store.exists(new JobKeys(request.jobId()).frame(f)), "frame " + f);
            }
            assertEquals(JobEvent.Kind.SEGMENT, events.get(events.size() - 1).kind(), "the SEGMENT event is last");
            assertEquals(List.of(0, 1, 2, 3, 4), events.stream().filter(e -> e.kind() == JobEvent.Kind.FRAME)
                    .map(JobEvent::frame).toList());
        } finally {
            ends.shutdown();
        }
    }

    @Test
    void aBusyEndThreadMakesTheCallerEndItsSegmentItself() throws Exception {
        ExecutorService ends = RenderFunction.segmentEnds(7);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try {
            ends.execute(() -> {
                started.countDown();
                await(release);
            });
            assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS), "the first end did not start");
            Thread[] ranOn = new Thread[1];
            ends.execute(() -> ranOn[0] = Thread.currentThread());
            assertEquals(Thread.currentThread(), ranOn[0], "no second end is queued: the caller runs it");
        } finally {
            release.countDown();
            ends.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the test did not release the segment's end within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** 16x16 frames of one grey per frame index. */
    private static final class Solid implements FrameGenerator {
        @Override public int defaultWidth() { return 16; }

        @Override public int defaultHeight() { return 16; }

        @Override
        public List<RgbImage> generate(List<FrameRequest> requests) {
            List<RgbImage> images = new ArrayList<>();
            for (FrameRequest r : requests) {
                byte[] pixels = new byte[16 * 16 * 3];
                java.util.Arrays.fill(pixels, (byte) (r.frameIndex() * 20));
                images.add(new RgbImage(16, 16, pixels));
            }
            return images;
        }

        @Override public void drainTimings(long[] stageNanos) { }

        @Override public void close() { }
    }
}
