package org.netbend.plan;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * features.json and features.csv.
 *
 * <p>JSON (schema version 1):
 * <pre>{"version":1, "fps":20.0, "frameCount":N, "durationSeconds":..., "sampleRate":44100,
 *  "tempoBpm":[N numbers], "features":{"rms":[N numbers], ...}}</pre>
 * CSV: a header {@code frame,time,<feature>...} and one row per frame; time is the frame's start in seconds.
 */
public final class FeatureTrackIo {
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private FeatureTrackIo() { }

    public static void writeJson(FeatureTrack track, Path out) throws IOException {
        try (OutputStream stream = Files.newOutputStream(out)) {
            writeJson(track, stream);
        }
    }

    public static byte[] toJson(FeatureTrack track) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeJson(track, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return bytes.toByteArray();
    }

    /** Streams the JSON (a long track has tens of thousands of values per feature). */
    public static void writeJson(FeatureTrack track, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeNumberField("version", VERSION);
            json.writeNumberField("fps", track.fps());
            json.writeNumberField("frameCount", track.frameCount());
            json.writeNumberField("durationSeconds", track.durationSeconds());
            json.writeNumberField("sampleRate", track.sampleRate());
            json.writeArrayFieldStart("tempoBpm");
            for (double v : track.tempoBpm()) {
                json.writeNumber(v);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("features");
            for (Map.Entry<String, float[]> feature : track.features().entrySet()) {
                json.writeArrayFieldStart(feature.getKey());
                for (float v : feature.getValue()) {
                    json.writeNumber(v);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    public static FeatureTrack readJson(Path in) throws IOException {
        try {
            return fromJson(Files.readAllBytes(in));
        } catch (IllegalArgumentException e) {
            throw new IOException(in + ": " + e.getMessage(), e);
        }
    }

    /** Parses features.json; a clear IllegalArgumentException names a missing or malformed field. */
    public static FeatureTrack fromJson(byte[] json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("features JSON must be an object");
        }
        int version = required(root, "version").asInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("features JSON version " + version + " is not supported (expected "
                    + VERSION + ")");
        }
        double fps = required(root, "fps").asDouble();
        int frameCount = required(root, "frameCount").asInt();
        double duration = required(root, "durationSeconds").asDouble();
        int sampleRate = required(root, "sampleRate").asInt();
        JsonNode tempoNode = required(root, "tempoBpm");
        double[] tempo = new double[tempoNode.size()];
        for (int i = 0; i < tempo.length; i++) {
            tempo[i] = tempoNode.get(i).asDouble();
        }
        Map<String, float[]> features = new LinkedHashMap<>();
        JsonNode featuresNode = required(root, "features");
        Iterator<Map.Entry<String, JsonNode>> fields = featuresNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode array = field.getValue();
            if (!array.isArray()) {
                throw new IllegalArgumentException("feature '" + field.getKey() + "' must be an array of numbers");
            }
            float[] values = new float[array.size()];
            for (int i = 0; i < values.length; i++) {
                if (!array.get(i).isNumber()) {
                    throw new IllegalArgumentException("feature '" + field.getKey() + "' value " + i
                            + " is not a number");
                }
                values[i] = array.get(i).floatValue();
            }
            features.put(field.getKey(), values);
        }
        return new FeatureTrack(fps, frameCount, duration, sampleRate, features, tempo);
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("features JSON has no '" + field + "' field");
        }
        return node;
    }

    public static void writeCsv(FeatureTrack track, Path out) throws IOException {
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writeCsv(track, writer);
        }
    }

    public static void writeCsv(FeatureTrack track, Writer out) throws IOException {
        StringBuilder line = new StringBuilder("frame,time");
        for (String name : track.features().keySet()) {
            line.append(',').append(name);
        }
        out.write(line.append('\n').toString());
        float[][] columns = track.features().values().toArray(new float[0][]);
        for (int i = 0; i < track.frameCount(); i++) {
            line.setLength(0);
            line.append(i).append(',').append(track.timeOf(i));
            for (float[] column : columns) {
                line.append(',').append(column[i]);
            }
            out.write(line.append('\n').toString());
        }
    }
}
