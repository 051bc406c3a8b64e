package org.netbend.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A full disk under a local store is reported as the store's failure, naming its folder and the key, and saying
 * the disk is full; never as the raw exception of a staging file the user never chose. The disk is made full by
 * {@link FullDisk} (the JDK's exceptions for ENOSPC), with no inode left or no block left.
 */
class LocalStoreFullDiskTest {
    @TempDir Path temp;

    @ParameterizedTest
    @EnumSource(FullDisk.Mode.class)
    void aFullDiskNamesTheStoreNotAStagingFile(FullDisk.Mode mode) throws Exception {
        Path folder = temp.resolve("store");
        Path source = Files.write(temp.resolve("frame.png"), new byte[] {1, 2, 3});
        LocalStore store = new LocalStore(new FullDisk(FileSystems.getDefault(), mode).path(folder));
        String key = "jobs/a/frames/000001.png";
        String expected = "local store " + folder + ": put '" + key + "' failed: the disk is full (No space left on device)";

        StoreException put = assertThrows(StoreException.class, () -> store.put(key, new byte[] {1, 2, 3}));
        assertEquals(expected, put.getMessage());
        StoreException putFile = assertThrows(StoreException.class, () -> store.putFile(key, source));
        assertEquals(expected, putFile.getMessage());

        assertFalse(Files.exists(folder.resolve(key)), "nothing half written under the key");
        try (Stream<Path> staged = Files.list(folder.resolve(StoreKeys.RESERVED))) {
            assertEquals(0, staged.count(), "no staging file left behind");
        }
    }

    @Test
    void otherDiskFailuresKeepTheirReasonButNotTheStagingFilesPath() {
        Path staging = temp.resolve("store").resolve(StoreKeys.RESERVED);
        String reason = DiskFailures.reason(new java.nio.file.FileSystemException(staging.resolve("put-1.tmp").toString(),
                null, "Input/output error"), staging);
        assertEquals("FileSystemException: the store's staging folder: Input/output error", reason);
        assertEquals("the disk quota is used up (Disk quota exceeded)", DiskFailures.reason(
                new java.io.IOException("Disk quota exceeded"), staging));
    }
}
