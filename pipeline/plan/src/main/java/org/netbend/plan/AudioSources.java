package org.netbend.plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.netbend.core.FeatureNames;

/**
 * What a track's features may read: the mix (which sets the frame clock and the frame count), optional stems by
 * name ({@code rms@drums} reads stem {@code drums}) and an optional MIDI file ({@code note@ch1}).
 *
 * @param mix   the audio track
 * @param stems stem name (a-z, 0-9, '_', '-', up to 32; not ch1..ch16) to audio file; may be empty
 * @param midi  a Standard MIDI File, or null
 */
public record AudioSources(Path mix, Map<String, Path> stems, Path midi) {
    public AudioSources {
        if (mix == null) {
            throw new IllegalArgumentException("the mix (the audio track) must be given");
        }
        Map<String, Path> copy = new LinkedHashMap<>();
        if (stems != null) {
            for (Map.Entry<String, Path> stem : stems.entrySet()) {
                if (!FeatureNames.isStemName(stem.getKey())) {
                    throw new IllegalArgumentException("bad stem name '" + stem.getKey() + "': use 1..32 of a-z, 0-9,"
                            + " '_', '-' (ch1..ch16 name MIDI channels)");
                }
                if (stem.getValue() == null) {
                    throw new IllegalArgumentException("stem '" + stem.getKey() + "' has no file");
                }
                copy.put(stem.getKey(), stem.getValue());
            }
        }
        stems = Collections.unmodifiableMap(copy);
    }

    /** Just the mix. */
    public static AudioSources of(Path mix) { return new AudioSources(mix, Map.of(), null); }

    public AudioSources withStem(String name, Path file) {
        Map<String, Path> more = new LinkedHashMap<>(stems);
        more.put(name, file);
        return new AudioSources(mix, more, midi);
    }

    public AudioSources withMidi(Path file) { return new AudioSources(mix, stems, file); }
}
