package org.netbend.service;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.netbend.store.ObjectStore;
import org.netbend.store.StoreException;

/**
 * Whether an object is a standard MIDI file, by its content: it starts with the header chunk {@code MThd}. A WAV or
 * anything else named as {@code midi} is refused before work (REJECTED), whatever its key's extension says.
 */
final class MidiContent {
    private static final byte[] HEADER = "MThd".getBytes(StandardCharsets.US_ASCII);

    private MidiContent() { }

    static boolean isMidi(ObjectStore store, String key) throws StoreException {
        Optional<byte[]> head = store.head(key, HEADER.length);
        return head.isPresent() && Arrays.equals(head.get(), HEADER);
    }
}
