package org.netbend.store;

import java.io.IOException;

/** A store operation failed. The message names the store, the key and what failed; it never contains a secret. */
public class StoreException extends IOException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The standard wording: {@code "<store>: <operation> '<key>' failed: <reason>"}. */
    static StoreException of(ObjectStore store, String operation, String key, String reason, Throwable cause) {
        return new StoreException(store.describe() + ": " + operation + " '" + key + "' failed: " + reason, cause);
    }
}
