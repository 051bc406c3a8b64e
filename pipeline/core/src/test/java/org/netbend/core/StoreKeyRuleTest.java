package org.netbend.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreKeyRuleTest {
    @ParameterizedTest
    @ValueSource(strings = {"audio/drums mesh.wav", "audio/%2e%2e/%2e%2e/other/x.wav", "audio/../x.wav", "..",
            "audio/x\u0000.wav", "/etc/passwd", "s3://other/a.wav", "audio/tr\u00f6mmel.wav", "audio/e\u0301.wav",
            "audio/\u202egnp.wav", "audio\\x.wav", "audio//x.wav", "audio/", "", "audio/./x.wav",
            ".netbend-staging/x", "videos/x.mp4\n", "videos/\u00a0.mp4"})
    void refusedKeysSayWhy(String key) {
        assertFalse(StoreKeyRule.isValid(key), key);
        String problem = StoreKeyRule.problem(key).orElseThrow();
        assertFalse(problem.isBlank());
        assertTrue(problem.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "a message is printable ASCII: " + problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audio/8f3a.wav", "videos/drums-mesh_v1.mp4", "a", "x/y/z+1=2@3,4.mp4", "..a/b..",
            ".hidden"})
    void acceptedKeys(String key) {
        assertTrue(StoreKeyRule.isValid(key), key + ": " + StoreKeyRule.problem(key));
    }

    @org.junit.jupiter.api.Test
    void theLengthLimitIsInclusive() {
        assertTrue(StoreKeyRule.isValid("a".repeat(StoreKeyRule.MAX_LENGTH)));
        assertFalse(StoreKeyRule.isValid("a".repeat(StoreKeyRule.MAX_LENGTH + 1)));
        assertEquals("a\\u0000\\u00f6...", StoreKeyRule.printable("a\u0000\u00f6bcd", 3));
    }
}
