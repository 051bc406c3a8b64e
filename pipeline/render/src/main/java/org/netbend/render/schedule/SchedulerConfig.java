package org.netbend.render.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A diffusers {@code scheduler_config.json}, as written. Like diffusers' {@code from_config}, each scheduler
 * reads the fields it knows, with its own defaults for the ones the file leaves out (DDIM's spacing defaults to
 * "leading", Euler's to "linspace"), and ignores the rest. A field whose value netbend cannot honour is an
 * error naming the field and the value. A model folder without a scheduler config is SD v1
 * ({@link #STABLE_DIFFUSION_V1}).
 */
public final class SchedulerConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SD v1.x's DDIMScheduler config. */
    public static final SchedulerConfig STABLE_DIFFUSION_V1 = of(Map.of("_class_name", "DDIMScheduler",
            "beta_end", 0.012, "beta_schedule", "scaled_linear", "beta_start", 0.00085, "clip_sample", false,
            "num_train_timesteps", 1000, "prediction_type", "epsilon", "set_alpha_to_one", false, "steps_offset", 1));

    private final JsonNode fields;

    private SchedulerConfig(JsonNode fields) {
        this.fields = fields;
    }

    public static SchedulerConfig of(Map<String, ?> fields) {
        return new SchedulerConfig(JSON.valueToTree(fields));
    }

    /** Reads {@code scheduler/scheduler_config.json}; an absent file means SD v1. */
    public static SchedulerConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return STABLE_DIFFUSION_V1;
        }
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(json instanceof ObjectNode)) {
            throw new IOException(file + " is not a JSON object");
        }
        return new SchedulerConfig(json);
    }

    /** A copy with {@code key} set to {@code value}. */
    public SchedulerConfig with(String key, Object value) {
        ObjectNode copy = fields.deepCopy();
        copy.set(key, JSON.valueToTree(value));
        return new SchedulerConfig(copy);
    }

    /** The class the export names, e.g. "DDIMScheduler"; "" when absent. */
    public String className() {
        return fields.path("_class_name").asText("");
    }

    private JsonNode present(String key) {
        JsonNode v = fields.get(key);
        return v == null || v.isNull() ? null : v;
    }

    public int integer(String key, int fallback) {
        JsonNode v = present(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || (v.isFloatingPointNumber() && v.asDouble() != Math.rint(v.asDouble()))) {
            throw invalid(key, v, "an integer");
        }
        return v.asInt();
    }

    public double number(String key, double fallback) {
        JsonNode v = present(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw invalid(key, v, "a number");
        }
        return v.asDouble();
    }

    public boolean flag(String key, boolean fallback) {
        JsonNode v = present(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw invalid(key, v, "true or false");
        }
        return v.asBoolean();
    }

    public String text(String key, String fallback) {
        JsonNode v = present(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw invalid(key, v, "a string");
        }
        return v.asText();
    }

    /** A number array (trained_betas), or null when absent. */
    public double[] numbers(String key) {
        JsonNode v = present(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw invalid(key, v, "an array of numbers");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    /** The value of a choice field, lower case, which must be one of {@code supported}. */
    public String choice(String scheduler, String key, String fallback, String... supported) {
        String value = text(key, fallback);
        if (!Arrays.asList(supported).contains(value)) {
            throw unsupported(scheduler, key, value, "supported: " + String.join(", ", supported));
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** A flag netbend does not implement: it must be false (or absent). */
    public void requireOff(String scheduler, String... keys) {
        for (String key : keys) {
            if (flag(key, false)) {
                throw unsupported(scheduler, key, "true", "netbend supports only false");
            }
        }
    }

    /** {@code key} must be absent or one of {@code values}. */
    public void requireAbsentOr(String scheduler, String key, Object... values) {
        JsonNode v = present(key);
        if (v == null) {
            return;
        }
        List<Object> allowed = Arrays.asList(values);
        Object actual = v.isNumber() ? (Object) v.asInt() : v.asText();
        if (!allowed.contains(actual)) {
            throw unsupported(scheduler, key, v.toString(), "supported: " + allowed);
        }
    }

    static IllegalArgumentException unsupported(String scheduler, String key, String value, String hint) {
        return new IllegalArgumentException("the model's scheduler_config.json sets " + key + " = " + value
                + ", which netbend's " + scheduler + " scheduler does not support (" + hint + ")");
    }

    private static IllegalArgumentException invalid(String key, JsonNode v, String expected) {
        return new IllegalArgumentException("the model's scheduler_config.json sets " + key + " = " + v
                + ", which is not " + expected);
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchedulerConfig c && c.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }
}
