package org.netbend.service.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.netbend.job.AudioKeys;
import org.netbend.store.ObjectStore;

/**
 * Puts a track (or a stem, or a MIDI file) in the store once, under its content address, so that the service reads
 * the exact same bytes.
 */
public final class AudioUpload {
    /** @param uploaded false when the store already had the track */
    public record Uploaded(String key, boolean uploaded) { }

    private AudioUpload() { }

    public static Uploaded of(ObjectStore store, Path audio) throws IOException {
        if (!Files.isRegularFile(audio)) {
            throw new IllegalArgumentException("audio file not found: " + audio);
        }
        return of(store, audio, AudioKeys.of(audio));
    }

    /** The same for a file whose content address is {@code key} ({@link AudioKeys#midiOf} for MIDI). */
    public static Uploaded of(ObjectStore store, Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file not found: " + file);
        }
        if (store.exists(key)) {
            return new Uploaded(key, false);
        }
        store.putFile(key, file);
        return new Uploaded(key, true);
    }
}
