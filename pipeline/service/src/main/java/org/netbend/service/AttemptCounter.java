package org.netbend.service;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.netbend.store.ObjectStore;
import org.netbend.store.StoreException;

/**
 * How often a piece of work has been started, kept in the store so the count survives the restarts it is
 * counting (Flink's own state goes back to the last checkpoint on a restart, and with it any count kept there).
 * A count is one small object, {@code service/attempts/...}; a store that cannot be written counts nothing, so an
 * outage of the store never turns accepted work into dead letters.
 */
final class AttemptCounter {
    static final String PREFIX = "service/attempts/";

    private final ObjectStore store;

    AttemptCounter(ObjectStore store) {
        this.store = store;
    }

    /** Counts one more attempt under {@code name} (a key segment) and returns the count, the first being 1. */
    int next(String name) throws StoreException {
        String key = PREFIX + name;
        Optional<byte[]> stored = store.get(key);
        int count = 1;
        if (stored.isPresent()) {
            try {
                count = Integer.parseInt(new String(stored.get(), StandardCharsets.UTF_8).strip()) + 1;
            } catch (NumberFormatException torn) {
                count = 1; // cannot happen with atomic puts; counting again is the safe side
            }
        }
        store.put(key, Integer.toString(count).getBytes(StandardCharsets.UTF_8));
        return count;
    }

    /** The work is done: its count goes. */
    void forget(String name) throws StoreException {
        store.delete(PREFIX + name);
    }
}
