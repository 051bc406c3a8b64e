package org.netbend.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.StoreScope;
import org.netbend.job.Submission;
import org.netbend.job.SubmissionDecoder;
import org.netbend.store.LocalStore;
import org.netbend.store.StoreKeys;

/**
 * Decode and the stores agree: every key a request may name (audio, stem, MIDI, output) that the decoder accepts is
 * one the stores take, over keys generated from a fixed seed out of an alphabet with the usual troublemakers.
 */
class KeyRuleAgreementTest {
    private static final String[] PARTS = {"a", "Z", "0", ".", "..", "/", "//", " ", "%2e", "%2e%2e", "\u0000", "\n",
        "\u00f6", "e\u0301", "\u202e", "\\", "-", "_", "+", "=", "@", ",", ":", "?", "#", "*", "~", "s3://studio/netbend/",
        "s3://other/", ".netbend-staging", "videos/", "audio/", "x".repeat(300)};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void everyKeyTheDecoderAcceptsIsAKeyEveryStoreTakes() throws Exception {
        SubmissionDecoder decoder = new SubmissionDecoder(new StoreScope("studio", "netbend"), "toy", Set.of("toy"));
        Random random = new Random(18);
        int accepted = 0;
        try (LocalStore store = new LocalStore(dir)) {
            for (int i = 0; i < 4000; i++) {
                StringBuilder key = new StringBuilder(i % 2 == 0 ? "audio/" : "videos/");
                for (int n = 1 + random.nextInt(6); n > 0; n--) {
                    key.append(PARTS[random.nextInt(PARTS.length)]);
                }
                String field = switch (i % 4) {
                    case 0 -> "audio";
                    case 1 -> "output";
                    case 2 -> "stems";
                    default -> "midi";
                };
                String value = field.equals("output") ? key + ".mp4" : key.toString();
                Map<String, Object> request = new java.util.LinkedHashMap<>(Map.of("schema", 1, "prompt", "a",
                        "audio", "audio/" + "ab".repeat(32) + ".wav"));
                if (field.equals("stems")) {
                    request.put("stems", Map.of("drums", value));
                    request.put("bends", java.util.List.of("add@1=rms@drums[0..1]"));
                } else {
                    request.put(field, value);
                }
                Submission s;
                try {
                    s = (Submission) decoder.decode(JSON.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
                } catch (InvalidRequestException refused) {
                    continue;
                }
                accepted++;
                String named = switch (field) {
                    case "audio" -> s.request().audioKey();
                    case "output" -> s.output();
                    case "stems" -> s.request().stemKeys().get("drums");
                    default -> s.request().midiKey();
                };
                assertEquals(named, StoreKeys.requireValidKey(named));
                store.exists(named); // the local store's own check: throws on a key it refuses
            }
        }
        assertTrue(accepted > 100, "the generator must reach accepted keys too, got " + accepted);
    }
}
