package org.netbend.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.bend.BendSpecException;
import org.netbend.core.Lane;
import org.netbend.farm.BendTracks;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.LaneFields;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.LaneTracks;

/**
 * POST /api/tracks: each bend's parameter track over a track, computed by PLAN's own code (lanes added by
 * {@link LaneTracks}, values by {@link BendTracks}), and for each bend that does not parse, the parser's message
 * with the span of the offending text.
 */
final class ParameterRoutes {
    static final int MAX_BENDS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrackAnalyses analyses;
    private final BendTrackCache cache = new BendTrackCache();

    ParameterRoutes(TrackAnalyses analyses) {
        this.analyses = analyses;
    }

    void tracks(Context ctx) throws Exception {
        JsonNode body = Requests.object(ctx.bodyAsBytes());
        String key = AudioRoutes.audioKey(Requests.text(body, "audio").replaceFirst("^audio/", ""));
        double fps = body.path("fps").isNumber() ? body.get("fps").asDouble() : 20;
        JsonNode bendList = body.path("bends");
        if (!bendList.isArray() || bendList.size() > MAX_BENDS) {
            throw new ApiException(400, "bends must be a list of at most " + MAX_BENDS + " bend texts",
                    Map.of("field", "bends"));
        }
        Window window = Window.of(body);
        Map<String, Lane> lanes;
        try {
            lanes = body.has("lanes") ? LaneFields.parse(body.get("lanes")) : Map.of();
        } catch (InvalidRequestException e) {
            throw new ApiException(400, e.getMessage(), Map.of("field", e.field()));
        }
        String lanesText = body.path("lanes").toString(); // the lanes as sent: part of the cache key
        long started = System.nanoTime();
        FeatureTrack track;
        try {
            track = LaneTracks.withLanes(analyses.of(key, fps), lanes);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), Map.of("field", "lanes"));
        }
        List<Map<String, Object>> tracks = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < bendList.size(); i++) {
            String text = bendList.get(i).asText("");
            int index = i;
            try {
                BendSpec bend = BendParser.parse(text);
                FeatureTrack withLanes = track;
                cache.get(BendTrackCache.key(key, fps, lanesText, text), () -> BendTracks.of(withLanes, List.of(bend)))
                        .forEach((label, values) -> {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("bend", index);
                    one.put("label", label);
                    if (window == null) {
                        one.put("values", toFloats(values)); // float precision is plenty to draw, at half the JSON
                    } else {
                        TrackColumns columns = TrackColumns.of(values, track.fps(), window.from(), window.to(),
                                window.columns());
                        one.put("min", columns.min());
                        one.put("max", columns.max());
                    }
                    tracks.add(one);
                });
            } catch (BendSpecException e) {
                errors.add(error(i, e.getMessage(), e.hasSpan() ? e.start() : 0, e.hasSpan() ? e.end() : text.length()));
            } catch (IllegalArgumentException e) {
                errors.add(error(i, e.getMessage(), 0, text.length()));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fps", track.fps());
        answer.put("frameCount", track.frameCount());
        if (window != null) {
            answer.put("from", window.from());
            answer.put("to", window.to());
            answer.put("columns", window.columns());
        }
        answer.put("tracks", tracks);
        answer.put("errors", errors);
        answer.put("computeMillis", (System.nanoTime() - started) / 1e6);
        ctx.result(JSON.writeValueAsBytes(answer)).contentType("application/json");
    }

    /** The time window and column count a lane asks for, or null for every frame's value. */
    private record Window(double from, double to, int columns) {
        static Window of(JsonNode body) {
            if (!body.has("columns")) {
                return null;
            }
            JsonNode columns = body.get("columns");
            if (!columns.isIntegralNumber() || columns.asInt() < 1 || columns.asInt() > TrackColumns.MAX_COLUMNS) {
                throw new ApiException(400, "columns must be a whole number in 1.." + TrackColumns.MAX_COLUMNS,
                        Map.of("field", "columns"));
            }
            double from = body.path("from").asDouble(0);
            double to = body.path("to").asDouble(Double.NaN);
            if (!Double.isFinite(from) || !Double.isFinite(to) || from < 0 || to <= from) {
                throw new ApiException(400, "from and to must be seconds with 0 <= from < to",
                        Map.of("field", "to"));
            }
            return new Window(from, to, columns.asInt());
        }
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private static Map<String, Object> error(int bend, String message, int start, int end) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("bend", bend);
        error.put("error", message);
        error.put("start", start);
        error.put("end", end);
        return error;
    }
}
