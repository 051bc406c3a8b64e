package org.netbend.store;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same contract without the flush to disk: atomic renames still keep readers from torn objects. */
class UnsyncedLocalStoreTest extends ObjectStoreContract {

    @Override
    ObjectStore newStore() throws Exception {
        return Stores.open(temp.resolve("store").toString(), Map.of(LocalStore.ENV_SYNC, "false"));
    }

    @Test
    void theEnvironmentChoosesAnUnsyncedLocalStore() {
        assertInstanceOf(LocalStore.class, store);
    }
}
