package org.netbend.job;

import org.netbend.core.StoreKeyRule;

/**
 * Keys that come from outside (a submission's audio, stems, MIDI file or output) are held to the stores' own rule
 * ({@link StoreKeyRule}), here, when the request is decoded: a key accepted here is never refused by a store later.
 */
final class StoreKeyCheck {
    private StoreKeyCheck() { }

    /** @throws InvalidRequestException naming {@code field} and what is wrong with the key */
    static String relative(String field, String key) {
        StoreKeyRule.problem(key).ifPresent(problem -> {
            throw new InvalidRequestException(field, "must be a key inside the store, and '"
                    + StoreKeyRule.printable(key, 80) + "' " + problem + " (key rules: docs/request.md#keys)");
        });
        return key;
    }
}
