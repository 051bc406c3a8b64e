package org.netbend.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds fields a typed model did not know. fabric8's and Strimzi's models do not fail on an unknown field: they
 * keep it in an {@code additionalProperties} map. This walks the deserialised object and reports every such
 * field with its path, so a misspelt key fails the check instead of being ignored by the cluster.
 */
final class UnknownFields {
    private UnknownFields() { }

    static List<String> in(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found, new IdentityHashMap<>());
        return found;
    }

    /** Paths present in {@code input} but missing from {@code roundTrip}: fields a model silently dropped. */
    static List<String> dropped(JsonNode input, JsonNode roundTrip) {
        List<String> found = new ArrayList<>();
        compare(input, roundTrip, "", found);
        return found;
    }

    private static void compare(JsonNode input, JsonNode output, String path, List<String> found) {
        if (input.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path + "." + e.getKey();
                if (output == null || !output.has(e.getKey())) {
                    // Models leave out fields that hold their default (false, 0); only other values count.
                    JsonNode v = e.getValue();
                    boolean isDefault = v.isNull() || (v.isBoolean() && !v.asBoolean()) || (v.isNumber() && v.asDouble() == 0);
                    if (!isDefault) {
                        found.add(child);
                    }
                } else {
                    compare(e.getValue(), output.get(e.getKey()), child, found);
                }
            }
        } else if (input.isArray() && output != null && output.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                compare(input.get(i), i < output.size() ? output.get(i) : null, path + "[" + i + "]", found);
            }
        }
    }

    private static void walk(Object value, String path, List<String> found, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), found, seen);
            }
            return;
        }
        if (!isModel(value.getClass())) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                if (!field.trySetAccessible()) {
                    continue;
                }
                Object child;
                try {
                    child = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties") && child instanceof Map<?, ?> extra) {
                    for (Object key : extra.keySet()) {
                        found.add(path + "." + key);
                    }
                } else {
                    walk(child, path + "." + field.getName(), found, seen);
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.kubernetes.api.model") || name.startsWith("io.strimzi.api")
                || name.startsWith("org.netbend.deploy");
    }
}
