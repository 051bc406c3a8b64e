package org.netbend.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.netbend.core.Lane;
import org.netbend.core.LaneInterpolation;
import org.netbend.core.LanePoint;
import org.netbend.core.LaneSchedule;
import org.netbend.core.LaneTime;

/**
 * The lanes of a job file, a submission or {@code --lane}, in three spellings that give the same lane:
 * <pre>
 *   swell: "0:(0), 4.5:(1.2), 9:(0)"                        # a Deforum schedule, linear
 *   pulse: {interpolation: cubic, schedule: "0:(0), 8b:(1)"}
 *   knob:  {interpolation: step, points: [[0, 0], [1.25, 0.5], ["1:30", 1]]}   # compact, as a recording writes
 * </pre>
 * A time is seconds, {@code m:ss(.s)} or beats ({@code 8b}); a value is a number. The request holds the last form,
 * with seconds as numbers and beats as {@code "8b"}. Every refusal names {@code lanes.NAME} and the point.
 */
public final class LaneFields {
    private static final Set<String> KEYS = Set.of("interpolation", "points", "schedule");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LaneFields() { }

    /** The mapping NAME: LANE of a job file or submission, sorted by name. */
    public static Map<String, Lane> parse(JsonNode value) {
        if (!value.isObject()) {
            throw new InvalidRequestException("lanes", "must be a mapping of NAME: SCHEDULE or NAME: {interpolation, "
                    + "points}, got " + RequestFields.shown(value));
        }
        Map<String, Lane> lanes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            lanes.put(checkName(entry.getKey()), lane(entry.getKey(), entry.getValue()));
        }
        checkCount(lanes.size());
        return lanes;
    }

    /** One lane, in any of the three spellings. */
    public static Lane lane(String name, JsonNode value) {
        String field = field(name);
        if (value.isTextual()) {
            return build(field, LaneInterpolation.LINEAR, () -> LaneSchedule.parse(value.asText()));
        }
        if (!value.isObject()) {
            throw new InvalidRequestException(field, "must be a schedule \"TIME:(VALUE), ...\" or {interpolation, points}"
                    + ", got " + RequestFields.shown(value));
        }
        value.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new InvalidRequestException(field + "." + Echo.safe(key), "is not a lane field; known: "
                        + "interpolation, points, schedule");
            }
        });
        LaneInterpolation interpolation = LaneInterpolation.LINEAR;
        JsonNode how = value.get("interpolation");
        if (how != null) {
            if (!how.isTextual()) {
                throw new InvalidRequestException(field + ".interpolation", "must be step, linear or cubic, got "
                        + RequestFields.shown(how));
            }
            try {
                interpolation = LaneInterpolation.of(how.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(field + ".interpolation", Echo.safe(e.getMessage()));
            }
        }
        JsonNode points = value.get("points");
        JsonNode schedule = value.get("schedule");
        if ((points == null) == (schedule == null)) {
            throw new InvalidRequestException(field, "needs exactly one of points: [[TIME, VALUE], ...] and schedule: "
                    + "\"TIME:(VALUE), ...\"");
        }
        if (schedule != null) {
            if (!schedule.isTextual()) {
                throw new InvalidRequestException(field + ".schedule", "must be text, got " + RequestFields.shown(schedule));
            }
            return build(field, interpolation, () -> LaneSchedule.parse(schedule.asText()));
        }
        return build(field, interpolation, () -> points(points));
    }

    /**
     * {@code NAME[:INTERPOLATION]=SCHEDULE}, as {@code --lane} takes it, e.g. {@code swell:cubic=0:(0), 8b:(1)}.
     *
     * @throws InvalidRequestException naming {@code lanes.NAME}
     */
    public static Map.Entry<String, Lane> option(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new InvalidRequestException("lanes", "must be given as NAME[:step|linear|cubic]=SCHEDULE, e.g. "
                    + "swell=\"0:(0), 4.5:(1.2), 9:(0)\", got '" + Echo.safe(text) + "'");
        }
        String head = text.substring(0, equals).strip();
        int colon = head.indexOf(':');
        String name = checkName(colon < 0 ? head : head.substring(0, colon));
        ObjectNode lane = NODES.objectNode().put("schedule", text.substring(equals + 1));
        if (colon >= 0) {
            lane.put("interpolation", head.substring(colon + 1));
        }
        return Map.entry(name, lane(name, lane));
    }

    /** The form the request holds: {interpolation, points: [[seconds or "Nb", value], ...]}. */
    public static ObjectNode toJson(Lane lane) {
        ObjectNode node = NODES.objectNode().put("interpolation", lane.interpolation().label());
        ArrayNode points = node.putArray("points");
        for (LanePoint point : lane.points()) {
            ArrayNode pair = points.addArray();
            if (point.time().beats()) {
                pair.add(point.time().text());
            } else {
                pair.add(point.time().amount());
            }
            pair.add(point.value());
        }
        return node;
    }

    static String checkName(String name) {
        try {
            return Lane.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("lanes", Echo.safe(e.getMessage()));
        }
    }

    static void checkCount(int count) {
        if (count > Lane.MAX_LANES) {
            throw new InvalidRequestException("lanes", "has " + count + " lanes; at most " + Lane.MAX_LANES);
        }
    }

    private static List<LanePoint> points(JsonNode list) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("points must be a list of [TIME, VALUE] pairs, got "
                    + RequestFields.shown(list));
        }
        if (list.size() > Lane.MAX_POINTS) {
            throw new IllegalArgumentException("has " + list.size() + " points; a lane holds at most " + Lane.MAX_POINTS);
        }
        List<LanePoint> points = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode pair = list.get(i);
            String where = "point " + (i + 1) + " (" + RequestFields.shown(pair) + ")";
            if (!pair.isArray() || pair.size() != 2) {
                throw new IllegalArgumentException(where + ": must be [TIME, VALUE], e.g. [4.5, 1.2] or [\"8b\", 1]");
            }
            JsonNode time = pair.get(0);
            JsonNode value = pair.get(1);
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw new IllegalArgumentException(where + ": the value must be a finite number");
            }
            LaneTime at;
            try {
                if (time.isNumber()) {
                    at = LaneTime.seconds(time.asDouble());
                } else if (time.isTextual()) {
                    at = LaneTime.parse(time.asText());
                } else {
                    throw new IllegalArgumentException("the time must be seconds, \"m:ss\" or \"Nb\"");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            points.add(new LanePoint(at, value.asDouble()));
        }
        return points;
    }

    private static Lane build(String field, LaneInterpolation interpolation,
            java.util.function.Supplier<List<LanePoint>> points) {
        try {
            return new Lane(interpolation, points.get());
        } catch (InvalidRequestException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, Echo.safe(e.getMessage()));
        }
    }

    private static String field(String name) { return "lanes." + Echo.safe(name); }
}
