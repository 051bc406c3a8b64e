package org.netbend.farm;

import java.util.function.BooleanSupplier;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;
import org.netbend.store.StoreException;

/**
 * Whether a job's cancel marker is in the store, looked up at most once per interval: a render slot asks between
 * frames, and a store lookup per frame would cost more than it saves. Works across processes (the marker is in the
 * store, which every TaskManager shares). A lookup that fails counts as "not cancelled": the next one will tell.
 */
final class CancelWatch implements BooleanSupplier {
    /** Never cancelled: local renders and tests. */
    static final BooleanSupplier NEVER = () -> false;

    private final ObjectStore store;
    private final JobKeys keys;
    private final long intervalNanos;
    private long lastCheck = Long.MIN_VALUE;
    private boolean cancelled;

    CancelWatch(ObjectStore store, JobKeys keys, long intervalNanos) {
        this.store = store;
        this.keys = keys;
        this.intervalNanos = intervalNanos;
    }

    @Override
    public boolean getAsBoolean() {
        long now = System.nanoTime();
        if (!cancelled && (lastCheck == Long.MIN_VALUE || now - lastCheck >= intervalNanos)) {
            lastCheck = now;
            try {
                cancelled = store.exists(keys.cancelMarker());
            } catch (StoreException e) {
                cancelled = false;
            }
        }
        return cancelled;
    }
}
