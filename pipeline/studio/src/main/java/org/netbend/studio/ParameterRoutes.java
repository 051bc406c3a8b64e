package org.netbend.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.bend.BendSpecException;
import org.netbend.core.FeatureNames;
import org.netbend.core.Lane;
import org.netbend.farm.BendTracks;
import org.netbend.job.AudioKeys;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.LaneFields;
import org.netbend.job.SourceFields;
import org.netbend.plan.FeatureSelection;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.LaneTracks;

/**
 * POST /api/tracks: each bend's parameter track over a track, computed by PLAN's own code (lanes added by
 * {@link LaneTracks}, values by {@link BendTracks}; the job's stems and MIDI file, {@code stems: {NAME: KEY}} and
 * {@code midi: KEY}, merged as PLAN merges them, {@link TrackAnalyses#withSources}), and for each bend that does not parse, the parser's message
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
        Map<String, String> stems = stems(body);
        String midi = midi(body);
        // The lanes as sent, the stems and the MIDI file: part of the cache key.
        String lanesText = body.path("lanes").toString() + '\n' + new TreeMap<>(stems) + '\n' + midi;
        long started = System.nanoTime();
        FeatureTrack track;
        try {
            FeatureTrack analysed = analyses.withSources(key, fps, stems, midi, midiFeaturesReadBy(bendList));
            track = LaneTracks.withLanes(analysed, lanes);
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

    /**
     * The stems, {@code stems: {NAME: KEY}}, checked as a job's are: a stem name bends can read and an audio key
     * this studio makes ({@code audio/{sha256}.ext}, as {@code POST /api/audio} answers), nothing else.
     */
    private static Map<String, String> stems(JsonNode body) {
        Map<String, String> stems;
        try {
            stems = SourceFields.stems(body.get("stems"));
        } catch (InvalidRequestException e) {
            throw new ApiException(400, e.getMessage(), Map.of("field", e.field()));
        }
        stems.forEach((name, stemKey) -> {
            if (!AudioKeys.KEY.matcher(stemKey).matches()) {
                throw new ApiException(400, "stems." + name + " must be an uploaded audio key (audio/{sha256}.ext),"
                        + " got " + AudioRoutes.shown(stemKey), Map.of("field", "stems." + name));
            }
        });
        return stems;
    }

    /** The MIDI file, {@code midi: KEY}: a key {@code POST /api/midi} answers ({@code midi/{sha256}.mid}), or null. */
    private static String midi(JsonNode body) {
        String midi;
        try {
            midi = SourceFields.midi(body.get("midi"));
        } catch (InvalidRequestException e) {
            throw new ApiException(400, e.getMessage(), Map.of("field", e.field()));
        }
        if (midi != null && !MidiRoutes.KEY.matcher(midi).matches()) {
            throw new ApiException(400, "midi must be an uploaded MIDI key (midi/{sha256}.mid), got "
                    + AudioRoutes.shown(midi), Map.of("field", "midi"));
        }
        return midi;
    }

    /**
     * The MIDI features ({@code note@ch1}, ...) the bends that parse read: MIDI has 16 channels of 131 features,
     * so only these are computed, as PLAN computes only what a job's bends read.
     */
    private static Set<String> midiFeaturesReadBy(JsonNode bendList) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode text : bendList) {
            try {
                for (String name : FeatureSelection.namesReadBy(BendParser.parse(text.asText("")).sources())) {
                    String source = FeatureNames.source(name);
                    if (source != null && FeatureNames.isMidiChannel(source) && FeatureNames.isKnown(name)) {
                        names.add(name);
                    }
                }
            } catch (IllegalArgumentException e) { // a BendSpecException too: reported with the bend below
            }
        }
        return names;
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
