package org.netbend.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The behaviour every {@link ObjectStore} must have; run against each implementation by a subclass. */
abstract class ObjectStoreContract {
    @TempDir
    Path temp;

    ObjectStore store;

    /** A fresh, empty store. */
    abstract ObjectStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static byte[] everyByteValue(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    @Test
    void bytesSurviveARoundTripExactly() throws Exception {
        byte[] bytes = everyByteValue(70_001);
        store.put("jobs/a/frames/000001.png", bytes);

        assertArrayEquals(bytes, store.get("jobs/a/frames/000001.png").orElseThrow());
        assertTrue(store.exists("jobs/a/frames/000001.png"));
    }

    @Test
    void anEmptyObjectIsStillAnObject() throws Exception {
        store.put("jobs/a/status.json", new byte[0]);

        assertEquals(0, store.get("jobs/a/status.json").orElseThrow().length);
        assertTrue(store.exists("jobs/a/status.json"));
    }

    @Test
    void filesSurviveARoundTripAndTheTargetFolderIsCreated() throws Exception {
        Path source = temp.resolve("in.bin");
        byte[] bytes = everyByteValue(300_000);
        Files.write(source, bytes);
        store.putFile("jobs/a/chunks/00000.mp4", source);

        Path target = temp.resolve("out/deeper/copy.mp4");
        store.getFile("jobs/a/chunks/00000.mp4", target);

        assertArrayEquals(bytes, Files.readAllBytes(target));
        assertArrayEquals(bytes, store.get("jobs/a/chunks/00000.mp4").orElseThrow());
    }

    @Test
    void getFileReplacesAnExistingTarget() throws Exception {
        store.put("k.json", "new".getBytes(StandardCharsets.UTF_8));
        Path target = temp.resolve("k.json");
        Files.writeString(target, "an older, longer content");

        store.getFile("k.json", target);

        assertEquals("new", Files.readString(target));
    }

    @Test
    void aMissingKeyIsEmptyNotAnError() throws Exception {
        assertEquals(Optional.empty(), store.get("jobs/none/request.json"));
        assertFalse(store.exists("jobs/none/request.json"));
    }

    @Test
    void getFileOfAMissingKeyNamesTheKeyAndLeavesNoFile() throws Exception {
        Path target = temp.resolve("missing.png");
        StoreException e = assertThrows(StoreException.class, () -> store.getFile("jobs/none/frames/000007.png", target));

        assertTrue(e.getMessage().contains("jobs/none/frames/000007.png"), e.getMessage());
        assertTrue(e.getMessage().contains(store.describe()), e.getMessage());
        assertTrue(e.getMessage().contains("no such object"), e.getMessage());
        assertFalse(Files.exists(target));
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void putFileOfAMissingSourceSaysWhichFile() {
        Path missing = temp.resolve("not-there.mp4");
        StoreException e = assertThrows(StoreException.class, () -> store.putFile("jobs/a/video.mp4", missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void writingTheSameKeyAgainIsIdempotentAndALaterWriteReplaces() throws Exception {
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        store.put("jobs/a/frames/000003.png", first);
        store.put("jobs/a/frames/000003.png", first);
        assertArrayEquals(first, store.get("jobs/a/frames/000003.png").orElseThrow());
        assertEquals(List.of("jobs/a/frames/000003.png"), store.list(""));

        byte[] second = "second, longer".getBytes(StandardCharsets.UTF_8);
        store.put("jobs/a/frames/000003.png", second);
        assertArrayEquals(second, store.get("jobs/a/frames/000003.png").orElseThrow());
        assertEquals(List.of("jobs/a/frames/000003.png"), store.list(""));
    }

    @Test
    void listIsSortedAndFiltersByPlainStringPrefix() throws Exception {
        List<String> keys = List.of("jobs/b/video.mp4", "jobs/a/frames/000002.png", "jobs/ab/request.json",
                "jobs/a/frames/000000.png", "jobs/a/request.json", "top.json", "jobs/a/frames/000001.png");
        for (String key : keys) {
            store.put(key, key.getBytes(StandardCharsets.UTF_8));
        }

        assertEquals(keys.stream().sorted().toList(), store.list(""));
        assertEquals(List.of("jobs/a/frames/000000.png", "jobs/a/frames/000001.png", "jobs/a/frames/000002.png",
                "jobs/a/request.json"), store.list("jobs/a/"));
        assertEquals(List.of("jobs/a/frames/000000.png", "jobs/a/frames/000001.png", "jobs/a/frames/000002.png",
                "jobs/a/request.json", "jobs/ab/request.json"), store.list("jobs/a"));
        assertEquals(List.of("jobs/a/frames/000000.png", "jobs/a/frames/000001.png", "jobs/a/frames/000002.png"),
                store.list("jobs/a/frames/"));
        assertEquals(List.of("jobs/a/frames/000001.png"), store.list("jobs/a/frames/000001"));
        assertEquals(List.of(), store.list("jobs/c/"));
    }

    @Test
    void deleteRemovesAndIsIdempotent() throws Exception {
        store.put("jobs/a/status.json", new byte[] {1});
        store.put("jobs/a/video.mp4", new byte[] {2});

        store.delete("jobs/a/status.json");
        store.delete("jobs/a/status.json");
        store.delete("jobs/never/existed.json");

        assertFalse(store.exists("jobs/a/status.json"));
        assertEquals(List.of("jobs/a/video.mp4"), store.list(""));
    }

    @Test
    void listingMoreKeysThanOnePageOfAnS3ListingReturnsThemAll() throws Exception {
        int count = 1_100; // an S3 listing page holds at most 1000 keys
        JobKeys job = new JobKeys("many");
        List<String> expected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = count - 1; i >= 0; i--) { // written in reverse to prove the listing sorts
                String key = job.frame(i);
                expected.add(key);
                writes.add(pool.submit(() -> {
                    store.put(key, new byte[] {1});
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        store.put("jobs/many/video.mp4", new byte[] {2});
        expected.sort(null);

        assertEquals(expected, store.list(job.framesPrefix()));
        assertEquals(count + 1, store.list("jobs/many/").size());
    }

    @Test
    void readersNeverSeeHalfAnObjectWhileItIsRewritten() throws Exception {
        byte[] a = new byte[256 * 1024];
        byte[] b = new byte[300 * 1024];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        String key = "jobs/a/frames/000009.png";
        store.put(key, a);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> writer = pool.submit(() -> {
                int writes = 0;
                while (!stop.get()) {
                    store.put(key, writes % 2 == 0 ? b : a);
                    writes++;
                }
                return writes;
            });
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            int reads = 0;
            while (System.nanoTime() < deadline) {
                byte[] seen = store.get(key).orElseThrow(() -> new AssertionError("the key vanished during a rewrite"));
                assertTrue(Arrays.equals(seen, a) || Arrays.equals(seen, b),
                        "read a torn object of " + seen.length + " bytes");
                reads++;
            }
            stop.set(true);
            assertTrue(writer.get(30, TimeUnit.SECONDS) > 1, "the writer must have rewritten the key");
            assertTrue(reads > 1);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/jobs/a/x.png", "jobs/../etc/passwd", "..", "jobs/./a.png", "jobs//a.png",
            "jobs/a/", "jobs/a b.png", "jobs\\a.png", "jobs/a\u0000.png", "jobs/é.png", ".netbend-staging/x"})
    void badKeysAreRejectedWithAMessageSayingWhy(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put(bad, new byte[1]));
        assertFalse(e.getMessage().isBlank());
        assertThrows(IllegalArgumentException.class, () -> store.get(bad));
        assertThrows(IllegalArgumentException.class, () -> store.exists(bad));
        assertThrows(IllegalArgumentException.class, () -> store.delete(bad));
        assertThrows(IllegalArgumentException.class, () -> store.getFile(bad, temp.resolve("x")));
    }

    @Test
    void badPrefixesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.list("/jobs"));
        assertThrows(IllegalArgumentException.class, () -> store.list("jobs/../"));
        assertThrows(IllegalArgumentException.class, () -> store.list(null));
    }

    @Test
    void headReadsOnlyTheStartOfAnObject() throws Exception {
        store.put("midi/a.mid", new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6});
        assertArrayEquals(new byte[] {'M', 'T', 'h', 'd'}, store.head("midi/a.mid", 4).orElseThrow());
        assertArrayEquals(new byte[] {'M', 'T'}, store.head("midi/a.mid", 2).orElseThrow());
        assertEquals(8, store.head("midi/a.mid", 100).orElseThrow().length, "a short object comes whole");
        assertTrue(store.head("midi/none.mid", 4).isEmpty());
    }

    @Test
    void describeSaysWhereTheStoreIs() {
        assertFalse(store.describe().isBlank());
        assertEquals(store.describe(), store.toString());
    }
}
