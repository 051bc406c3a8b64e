package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.PngCodec;
import org.netbend.core.RgbImage;
import org.netbend.job.JobEvent;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;

class FrameWriterTest {
    @TempDir Path temp;

    private static final Segment SEGMENT = new Segment("job", 0, 1, 0, 10, 10, 0, new double[10][0][], "{}");

    private static RgbImage image(int level) {
        byte[] pixels = new byte[8 * 8 * 3];
        java.util.Arrays.fill(pixels, (byte) level);
        return new RgbImage(8, 8, pixels);
    }

    @Test
    void eventsFollowTheirWritesInFrameOrder() throws IOException {
        JobKeys keys = new JobKeys("job");
        List<JobEvent> events = new ArrayList<>();
        long[] clock = new long[JobEvent.Stage.values().length];
        try (ObjectStore store = new LocalStore(temp.resolve("store"));
                FrameWriter writer = new FrameWriter(store, keys, null, 2, FramePool.shared(), true)) {
            for (int f = 0; f < 10; f++) {
                if (f % 3 == 0) {
                    writer.pass(image(f * 20), SEGMENT.frameEvent(f, true), events::add);
                } else {
                    writer.write(f, image(f * 20), SEGMENT.frameEvent(f, false), event -> {
                        // when an event is passed on, its frame is already in the store
                        try {
                            assertTrue(store.exists(keys.frame(event.frame())) || event.resumed(), "frame " + event.frame());
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                        events.add(event);
                    });
                }
            }
            writer.finish(events::add, clock);
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), events.stream().map(JobEvent::frame).toList());
            for (int f = 1; f < 10; f += 3) {
                assertArrayEquals(image(f * 20).pixels(), PngCodec.decode(store.get(keys.frame(f)).orElseThrow()).pixels());
            }
            assertTrue(clock[JobEvent.Stage.PNG.ordinal()] > 0 && clock[JobEvent.Stage.STORE.ordinal()] > 0);
        }
    }

    @Test
    void aFailedWriteFailsTheSegmentWithTheStoresMessage() throws IOException {
        // A file where the store's folder should be: every put fails.
        Files.writeString(temp.resolve("blocked"), "not a folder");
        List<JobEvent> events = new ArrayList<>();
        try (ObjectStore broken = new LocalStore(temp.resolve("blocked/inner"));
                FrameWriter writer = new FrameWriter(broken, new JobKeys("job"), null, 4, FramePool.shared(), true)) {
            writer.write(0, image(1), SEGMENT.frameEvent(0, false), events::add);
            IOException e = assertThrows(IOException.class,
                    () -> writer.finish(events::add, new long[JobEvent.Stage.values().length]));
            assertTrue(e.getMessage().contains("jobs/job/frames/000000.png"), e.getMessage());
            assertEquals(List.of(), events, "no event for a frame that is not stored");
        }
    }
}
