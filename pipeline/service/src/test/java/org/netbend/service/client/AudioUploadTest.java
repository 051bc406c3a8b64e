package org.netbend.service.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.AudioKeys;
import org.netbend.store.ObjectStore;
import org.netbend.store.S3ProxyServer;
import org.netbend.store.Stores;

/** A track goes to a real S3 server on loopback once, under its content address. */
class AudioUploadTest {
    @TempDir Path dir;

    @Test
    void aTrackIsUploadedOnceUnderItsContentAddress() throws Exception {
        byte[] bytes = new byte[70_000];
        new java.util.Random(3).nextBytes(bytes);
        Path track = Files.write(dir.resolve("Song.WAV"), bytes);
        try (S3ProxyServer server = S3ProxyServer.start();
                ObjectStore store = Stores.open("s3://studio/netbend", server.environment())) {
            AudioUpload.Uploaded first = AudioUpload.of(store, track);
            assertTrue(first.uploaded());
            assertEquals(AudioKeys.of(track), first.key());
            assertTrue(first.key().matches("audio/[0-9a-f]{64}\\.wav"), first.key());
            assertArrayEquals(bytes, store.get(first.key()).orElseThrow());

            AudioUpload.Uploaded second = AudioUpload.of(store, track);
            assertFalse(second.uploaded(), "the same content is not sent twice");
            assertEquals(first.key(), second.key());
        }
    }

    @Test
    void aMissingTrackIsNamed() throws Exception {
        try (ObjectStore store = Stores.open(dir.resolve("store").toString(), java.util.Map.of())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AudioUpload.of(store, dir.resolve("nope.wav")));
            assertTrue(e.getMessage().contains("nope.wav"), e.getMessage());
        }
    }
}
