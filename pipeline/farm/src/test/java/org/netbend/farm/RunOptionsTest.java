package org.netbend.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOptionsTest {
    private static final RunOptions PLAIN = new RunOptions("/tmp/store", 2, false, "cpu", 0, 1, "/tmp/cache");

    @Test
    void storeSettingsAreNeverPrinted() {
        RunOptions options = PLAIN.withStoreSettings(Map.of("AWS_SECRET_ACCESS_KEY", "s3cr3t-value",
                "NETBEND_S3_ENDPOINT", "http://127.0.0.1:9"));
        assertFalse(options.toString().contains("s3cr3t-value"), options.toString());
        assertTrue(options.toString().contains("AWS_SECRET_ACCESS_KEY"), "the names are shown, not the values");
    }

    @Test
    void theSevenArgumentConstructorShipsNoSettingsAndTheMapIsACopy() throws Exception {
        assertEquals(Map.of(), PLAIN.storeSettings());
        Map<String, String> settings = new HashMap<>(Map.of("NETBEND_S3_ENDPOINT", "http://127.0.0.1:9"));
        RunOptions options = PLAIN.withStoreSettings(settings);
        settings.put("NETBEND_S3_ENDPOINT", "http://changed:1");
        assertEquals("http://127.0.0.1:9", options.storeSettings().get("NETBEND_S3_ENDPOINT"));
        // Flink ships the options to every task with Java serialisation.
        new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(options);
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PLAIN.withParallelism(0)).getMessage().contains("--parallelism"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new RunOptions(" ", 1, false, "cpu", 0, 1, "c")).getMessage().contains("--store"));
    }
}
