package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.store.JobKeys;
import org.netbend.store.LocalStore;
import org.netbend.store.ObjectStore;
import org.netbend.store.StoreException;

/** Only the service's slots look for a cancel marker; a local render, which cannot be cancelled, never asks the store. */
class CancelLookupTest {
    @TempDir Path dir;

    @Test
    void aServiceSlotSeesTheMarkerAndALocalSlotNeverLooks() throws Exception {
        JobKeys keys = new JobKeys("job-1");
        try (CountingStore store = new CountingStore(new LocalStore(dir))) {
            store.put(keys.cancelMarker(), "{\"cancelled\": true}".getBytes(StandardCharsets.UTF_8));

            BooleanSupplier local = RenderFunction.cancelWatch(false, store, keys);
            for (int frame = 0; frame < 100; frame++) {
                assertFalse(local.getAsBoolean(), "a local render is never cancelled");
            }
            assertEquals(0, store.lookups.get(), "a local render makes no cancel lookups");

            assertTrue(RenderFunction.cancelWatch(true, store, keys).getAsBoolean(), "the service sees the marker");
            assertEquals(1, store.lookups.get());
        }
    }

    /** A real folder store that counts its existence lookups. */
    private static final class CountingStore implements ObjectStore {
        final ObjectStore inner;
        final AtomicInteger lookups = new AtomicInteger();

        CountingStore(ObjectStore inner) {
            this.inner = inner;
        }

        @Override public void put(String key, byte[] bytes) throws StoreException { inner.put(key, bytes); }
        @Override public void putFile(String key, Path file) throws StoreException { inner.putFile(key, file); }
        @Override public Optional<byte[]> get(String key) throws StoreException { return inner.get(key); }
        @Override public void getFile(String key, Path target) throws StoreException { inner.getFile(key, target); }
        @Override public List<String> list(String prefix) throws StoreException { return inner.list(prefix); }
        @Override public void delete(String key) throws StoreException { inner.delete(key); }
        @Override public String describe() { return inner.describe(); }
        @Override public void close() { inner.close(); }

        @Override
        public boolean exists(String key) throws StoreException {
            lookups.incrementAndGet();
            return inner.exists(key);
        }
    }
}
