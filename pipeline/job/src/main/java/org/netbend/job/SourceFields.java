package org.netbend.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.netbend.core.FeatureNames;

/**
 * The stems and the MIDI file a job file or a submission names, {@code stems: {drums: FILE-OR-KEY}} and
 * {@code midi: FILE-OR-KEY}: their shape is checked here, what the values mean (a file beside the job file, a key
 * of the store) by the caller.
 */
public final class SourceFields {
    /** A track has a handful of stems; far more is a mistake (each costs an analysis pass). */
    public static final int MAX_STEMS = 16;

    private SourceFields() { }

    /**
     * Stem name to the text given for it, in the order given; empty when {@code value} is null.
     *
     * @throws InvalidRequestException naming {@code stems} or {@code stems.NAME}
     */
    public static Map<String, String> stems(JsonNode value) {
        Map<String, String> stems = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return stems;
        }
        if (!value.isObject()) {
            throw new InvalidRequestException("stems", "must be a mapping of NAME: FILE, got " + RequestFields.shown(value));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> stem = it.next();
            String field = "stems." + Echo.safe(stem.getKey());
            checkName(field, stem.getKey());
            if (!stem.getValue().isTextual() || stem.getValue().asText().isBlank()) {
                throw new InvalidRequestException(field, "must name a file, got " + RequestFields.shown(stem.getValue()));
            }
            stems.put(stem.getKey(), stem.getValue().asText());
        }
        checkCount(stems.size());
        return stems;
    }

    /** The text given for the MIDI file, or null. */
    public static String midi(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequestException("midi", "must name a MIDI file, got " + RequestFields.shown(value));
        }
        return value.asText();
    }

    /** A stem's name is what bends write after '@' ({@code rms@drums}), so it has the same alphabet. */
    public static void checkName(String field, String name) {
        if (!FeatureNames.isStemName(name)) {
            throw new InvalidRequestException(field, "has the name '" + Echo.safe(name) + "'; stem names are 1..32 of "
                    + "a-z, 0-9, '_' and '-' (ch1..ch16 name MIDI channels)");
        }
    }

    static void checkCount(int count) {
        if (count > MAX_STEMS) {
            throw new InvalidRequestException("stems", "has " + count + " stems; at most " + MAX_STEMS);
        }
    }
}
