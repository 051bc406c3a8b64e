package org.netbend.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class JobKeysTest {
    final JobKeys job = new JobKeys("abc");

    @Test
    void theLayoutIsTheDesignedOne() {
        assertEquals("jobs/abc/request.json", job.request());
        assertEquals("jobs/abc/features.json", job.features());
        assertEquals("jobs/abc/features.png", job.featuresPlot());
        assertEquals("jobs/abc/frames/000001.png", job.frame(1));
        assertEquals("jobs/abc/frames/999999.png", job.frame(999_999));
        assertEquals("jobs/abc/chunks/00012.veryfast-crf18-g40-t1.mp4", job.chunk(12, "veryfast-crf18-g40-t1"));
        assertEquals("jobs/abc/video.mp4", job.video());
        assertEquals("jobs/abc/status.json", job.status());
        assertEquals("jobs/abc/frames/", job.framesPrefix());
        assertEquals("jobs/abc/chunks/", job.chunksPrefix());
        assertTrue(job.frame(5).startsWith(job.framesPrefix()));
    }

    @Test
    void everyKeyIsAValidStoreKey() {
        for (String key : List.of(job.request(), job.features(), job.featuresPlot(), job.frame(0), job.chunk(0, "medium-crf18-g40-t1"),
                job.video(), job.status())) {
            assertEquals(key, StoreKeys.requireValidKey(key));
        }
    }

    @Test
    void sortedKeysAreInFrameOrder() {
        List<String> keys = new ArrayList<>();
        for (int i : new int[] {100_000, 9, 72_000, 10, 0, 999}) {
            keys.add(job.frame(i));
        }
        keys.sort(null);
        List<Integer> order = keys.stream().map(k -> JobKeys.frameIndexOf(k).orElseThrow()).toList();
        assertEquals(List.of(0, 9, 10, 999, 72_000, 100_000), order);
    }

    @Test
    void indicesAreReadBackFromKeys() {
        assertEquals(OptionalInt.of(42), JobKeys.frameIndexOf(job.frame(42)));
        assertEquals(OptionalInt.of(7), JobKeys.segmentOf(job.chunk(7, "medium-crf18-g40-t1")));
        assertEquals(OptionalInt.empty(), JobKeys.segmentOf("jobs/abc/chunks/00007.mp4"), "a chunk names its encoding");
        assertEquals(OptionalInt.empty(), JobKeys.frameIndexOf(job.video()));
        assertEquals(OptionalInt.empty(), JobKeys.frameIndexOf("jobs/abc/frames/42.png"));
        assertEquals(OptionalInt.empty(), JobKeys.segmentOf(job.frame(3)));
    }

    @Test
    void outOfRangeNumbersAndBadJobIdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> job.frame(-1));
        assertThrows(IllegalArgumentException.class, () -> job.frame(1_000_000));
        assertThrows(IllegalArgumentException.class, () -> job.chunk(100_000, "medium"));
        for (String bad : new String[] {"", "Medium", "a.b", "a/../b", "x".repeat(65), null}) {
            assertThrows(IllegalArgumentException.class, () -> job.chunk(1, bad), "encoding " + bad);
        }
        for (String bad : new String[] {"", "a/b", "..", "a b", null}) {
            assertThrows(IllegalArgumentException.class, () -> new JobKeys(bad), "job id " + bad);
        }
    }
}
