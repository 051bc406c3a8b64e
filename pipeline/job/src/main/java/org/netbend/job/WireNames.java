package org.netbend.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one mechanical mapping between a field's two spellings: kebab-case for people (YAML job files, CLI options:
 * {@code walk-length}) and camelCase on the wire (requests, progress, results, the studio API: {@code walkLength}).
 */
public final class WireNames {
    private WireNames() { }

    /** {@code walk-length} to {@code walkLength}; a name without '-' is its own wire name. */
    public static String camel(String kebab) {
        StringBuilder out = new StringBuilder(kebab.length());
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** {@code walkLength} to {@code walk-length}. */
    public static String kebab(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The message's top-level fields in camelCase, in place: each kebab-case name among {@code known} (given in
     * kebab-case) is renamed to its wire name.
     *
     * @return the kebab-case names that were given, in the message's order (empty when it was all camelCase)
     * @throws InvalidRequestException when a field is given in both spellings
     */
    static List<String> toCamel(ObjectNode message, Iterable<String> known) {
        List<String> kebab = new ArrayList<>();
        List<String> given = new ArrayList<>();
        message.fieldNames().forEachRemaining(given::add);
        java.util.Set<String> names = new java.util.HashSet<>();
        known.forEach(names::add);
        for (String name : given) {
            String camel = camel(name);
            if (!name.contains("-") || camel.equals(name) || !names.contains(name)) {
                continue;
            }
            if (message.has(camel)) {
                throw new InvalidRequestException(camel, "is given twice, as " + camel + " and as " + name
                        + "; give " + camel + " only");
            }
            kebab.add(name);
        }
        // Renamed after the scan, keeping the message's order: the decoder reports fields in it.
        if (!kebab.isEmpty()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = message.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            message.removeAll();
            for (Map.Entry<String, JsonNode> field : fields) {
                String name = kebab.contains(field.getKey()) ? camel(field.getKey()) : field.getKey();
                message.set(name, field.getValue());
            }
        }
        return kebab;
    }
}
