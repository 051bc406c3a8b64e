package org.netbend.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStoreTest extends ObjectStoreContract {
    Path root;

    @Override
    ObjectStore newStore() {
        root = temp.resolve("store");
        return new LocalStore(root);
    }

    @Test
    void aKeyIsTheFileAtThatRelativePath() throws Exception {
        store.put("jobs/a/frames/000001.png", new byte[] {1, 2, 3});

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(root.resolve("jobs/a/frames/000001.png")));
    }

    @Test
    void nothingIsCreatedBeforeTheFirstWriteAndAnEmptyStoreListsNothing() throws Exception {
        assertEquals(List.of(), store.list(""));
        assertFalse(Files.exists(root));
    }

    @Test
    void stagingFilesAreNeverListedNorLeftBehind() throws Exception {
        for (int i = 0; i < 20; i++) {
            store.put("k" + i + ".bin", new byte[] {(byte) i});
        }
        try (var staged = Files.list(root.resolve(StoreKeys.RESERVED))) {
            assertEquals(List.of(), staged.toList());
        }
        Files.write(root.resolve(StoreKeys.RESERVED).resolve("crashed-put.tmp"), new byte[] {9});

        assertEquals(20, store.list("").size());
        assertFalse(store.list("").stream().anyMatch(k -> k.contains(StoreKeys.RESERVED)));
    }

    @Test
    void aFolderIsNotAnObject() throws Exception {
        store.put("jobs/a/frames/000001.png", new byte[] {1});

        assertFalse(store.exists("jobs/a/frames"));
        assertTrue(store.get("jobs/a").isEmpty());
        StoreException e = assertThrows(StoreException.class, () -> store.put("jobs/a", new byte[] {1}));
        assertTrue(e.getMessage().contains("folder"), e.getMessage());
        store.delete("jobs/a"); // not an object: nothing to delete, nothing harmed
        assertTrue(store.exists("jobs/a/frames/000001.png"));
    }

    @Test
    void syncsShareOneSetOfFlushingThreads() throws Exception {
        for (int segment = 0; segment < 20; segment++) {
            for (int frame = 0; frame < 10; frame++) {
                store.putUnsynced(String.format("jobs/a/frames/%06d.png", segment * 10 + frame), new byte[] {1});
            }
            store.sync();
        }
        long flushers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("netbend-store-sync-")).count();
        assertTrue(flushers >= 1 && flushers <= 8, "20 syncs run on at most 8 shared threads, found " + flushers);
        assertEquals(200, store.list("jobs/a/frames/").size());
    }

    @Test
    void aFileCannotBeTheStoreFolder() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LocalStore(file));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }

    @Test
    void describeNamesTheAbsoluteFolder() {
        assertEquals("local store " + root.toAbsolutePath().normalize(), store.describe());
    }

    @Test
    void storesOpensFoldersAndFileUris() throws Exception {
        try (ObjectStore byPath = Stores.open(root.toString(), Map.of());
             ObjectStore byUri = Stores.open(root.toUri().toString(), Map.of())) {
            byPath.put("x.json", new byte[] {7});
            assertArrayEquals(new byte[] {7}, byUri.get("x.json").orElseThrow());
            assertEquals(store.describe(), byUri.describe());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stores.open("gs://bucket/x", Map.of()));
        assertTrue(e.getMessage().contains("unsupported"), e.getMessage());
    }
}
