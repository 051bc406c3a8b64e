package org.netbend.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.netbend.bend.BendSpec;
import org.netbend.bend.BendYaml;
import org.netbend.core.LaneTime;

/**
 * The settings a job file or a submission may give, each with its type and where it goes in the builder: the
 * one table of a request's user-facing names (the same as {@code render}'s options without the dashes).
 * Values are typed strictly: an integer field takes only integers, a list only a list.
 */
public final class RequestFields {
    /** What a field's value must be. */
    public enum Kind { TEXT, NUMBER, INTEGER, TEXT_OR_NUMBER, PROMPT_LIST, BEND_LIST, LANE_MAP, OBJECT }

    /** One settable field; {@code key} is its kebab-case name (job files, CLI), {@link #wire} its camelCase one. */
    public record Field(String key, Kind kind, BiConsumer<RequestBuilder, JsonNode> apply) {
        /** The field's name on the wire (requests, the studio API). */
        public String wire() { return WireNames.camel(key); }
    }

    /** How a document names its fields: kebab-case in YAML job files, camelCase in JSON on the wire. */
    public enum Spelling {
        KEBAB, CAMEL;

        String of(String key) { return this == CAMEL ? WireNames.camel(key) : key; }
    }

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        text("prompt", (b, v) -> b.prompt(v.asText()));
        add("prompts", Kind.PROMPT_LIST, (b, v) -> b.prompts(promptList(v)));
        text("negative", (b, v) -> b.negative(v.asText()));
        number("fps", (b, v) -> b.fps(v.asDouble()));
        integer("steps", (b, v) -> b.steps(v.asInt()));
        number("guidance", (b, v) -> b.guidance(v.asDouble()));
        add("seed", Kind.INTEGER, (b, v) -> b.seed(v.asLong()));
        text("method", (b, v) -> b.method(Method.of(v.asText())));
        number("strength", (b, v) -> b.strength(v.asDouble()));
        text("size", (b, v) -> b.size(v.asText()));
        text("scheduler", (b, v) -> b.scheduler(SamplerName.of(v.asText())));
        text("walk", (b, v) -> b.walk(NoiseWalk.of(v.asText())));
        add("walk-length", Kind.TEXT_OR_NUMBER,
                (b, v) -> { if (v.isNumber()) { b.walkLength(v.asDouble()); } else { b.walkLength(v.asText()); } });
        number("walk-weight", (b, v) -> b.walkWeight(v.asDouble()));
        integer("walk-frames", (b, v) -> b.walkFrames(v.asInt()));
        text("interpolation", (b, v) -> b.interpolation(PromptInterpolation.of(v.asText())));
        integer("segment-length", (b, v) -> b.segmentLength(v.asInt()));
        integer("chain-overlap", (b, v) -> b.chainOverlap(v.asInt()));
        add("bends", Kind.BEND_LIST, (b, v) -> b.bends(BendYaml.parse(v).stream().map(BendSpec::canonical).toList()));
        text("model", (b, v) -> b.model(v.asText()));
        add("lanes", Kind.LANE_MAP, (b, v) -> b.lanes(LaneFields.parse(v)));
        add("preview", Kind.OBJECT, (b, v) -> b.preview(PreviewSettings.of(v)));
        text("codes", (b, v) -> b.codes(v.asText()));
    }

    private RequestFields() { }

    /** The settable fields' names, in the order of the table. */
    public static Set<String> keys() { return FIELDS.keySet(); }

    public static boolean has(String key) { return FIELDS.containsKey(key); }

    /** The settable fields' names as {@code spelling} writes them, in the order of the table. */
    public static List<String> keys(Spelling spelling) {
        return FIELDS.keySet().stream().map(spelling::of).toList();
    }

    /**
     * Sets {@code key} from {@code value} after checking its type.
     *
     * @throws InvalidRequestException naming the field
     */
    public static void apply(RequestBuilder builder, String key, JsonNode value) {
        apply(builder, key, key, value);
    }

    private static void apply(RequestBuilder builder, String key, String name, JsonNode value) {
        Field field = FIELDS.get(key);
        if (field == null) {
            throw new InvalidRequestException(key, "is not a known field; known: " + String.join(", ", keys()));
        }
        checkType(name, field.kind(), value);
        try {
            field.apply().accept(builder, value);
        } catch (InvalidRequestException e) {
            throw e.field().equals(key) && !name.equals(key) ? new InvalidRequestException(name, e.problem()) : e;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(name, e.getMessage(), "request field '" + name + "': " + e.getMessage());
        }
    }

    /** Applies every field of an object, in the table's order (so a later field never depends on order in the file). */
    public static void applyAll(RequestBuilder builder, JsonNode object, Set<String> ignored) {
        applyAll(builder, object, ignored, Spelling.KEBAB);
    }

    /**
     * As {@link #applyAll(RequestBuilder, JsonNode, Set)} for a document that names its fields in
     * {@code spelling}; messages name the fields as the document does.
     */
    public static void applyAll(RequestBuilder builder, JsonNode object, Set<String> ignored, Spelling spelling) {
        List<String> names = keys(spelling);
        for (Iterator<String> given = object.fieldNames(); given.hasNext(); ) {
            String name = given.next();
            if (!ignored.contains(name) && !names.contains(name)) {
                throw new InvalidRequestException(name, "is not a known field; known: " + String.join(", ", names));
            }
        }
        for (String key : keys()) {
            String name = spelling.of(key);
            JsonNode value = object.get(name);
            if (value != null) {
                apply(builder, key, name, value);
            }
        }
    }

    private static void checkType(String key, Kind kind, JsonNode value) {
        boolean ok = switch (kind) {
            case TEXT -> value.isTextual();
            case NUMBER -> value.isNumber() && Double.isFinite(value.asDouble());
            case INTEGER -> value.isIntegralNumber() && value.canConvertToLong()
                    && (key.equals("seed") || value.canConvertToInt());
            case TEXT_OR_NUMBER -> value.isTextual() || value.isNumber();
            case PROMPT_LIST -> value.isArray();
            case BEND_LIST -> value.isArray();
            case LANE_MAP, OBJECT -> value.isObject();
        };
        if (!ok) {
            throw new InvalidRequestException(key, "must be " + describe(kind, key) + ", got " + shown(value));
        }
    }

    private static String describe(Kind kind, String key) {
        return switch (kind) {
            case TEXT -> "text";
            case NUMBER -> "a number";
            case INTEGER -> key.equals("seed") ? "a whole number that fits in 64 bits" : "a whole number";
            case TEXT_OR_NUMBER -> "a number or text such as 0.2pi";
            case PROMPT_LIST -> "a list of {at: SECONDS or M:SS, text: PROMPT}";
            case BEND_LIST -> "a list of bends";
            case LANE_MAP -> "a mapping of NAME: SCHEDULE or NAME: {interpolation, points}";
            case OBJECT -> "an object";
        };
    }

    /** A value as the user wrote it, cut short: errors never echo a whole document. */
    static String shown(JsonNode value) {
        String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return Echo.safe(text);
    }

    private static List<PromptCue> promptList(JsonNode list) {
        List<PromptCue> cues = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode cue = list.get(i);
            String where = "prompts[" + i + "]";
            if (!cue.isObject() || cue.size() != 2 || !cue.has("at") || !cue.has("text")) {
                throw new InvalidRequestException(where, "must be {at: SECONDS, text: PROMPT}, got " + shown(cue));
            }
            JsonNode at = cue.get("at");
            double seconds;
            if (at.isNumber()) {
                seconds = at.asDouble();
            } else if (at.isTextual()) {
                try {
                    seconds = LaneTime.parseSeconds(at.asText()); // "1:30" as well as "90"
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException(where + ".at", Echo.safe(e.getMessage()));
                }
            } else {
                throw new InvalidRequestException(where + ".at", "must be seconds or m:ss, got " + shown(at));
            }
            if (!cue.get("text").isTextual()) {
                throw new InvalidRequestException(where + ".text", "must be text, got " + shown(cue.get("text")));
            }
            try {
                cues.add(new PromptCue(seconds, cue.get("text").asText()));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(where, e.getMessage());
            }
        }
        return cues;
    }

    private static void text(String key, BiConsumer<RequestBuilder, JsonNode> apply) { add(key, Kind.TEXT, apply); }

    private static void number(String key, BiConsumer<RequestBuilder, JsonNode> apply) { add(key, Kind.NUMBER, apply); }

    private static void integer(String key, BiConsumer<RequestBuilder, JsonNode> apply) { add(key, Kind.INTEGER, apply); }

    private static void add(String key, Kind kind, BiConsumer<RequestBuilder, JsonNode> apply) {
        FIELDS.put(key, new Field(key, kind, apply));
    }
}
