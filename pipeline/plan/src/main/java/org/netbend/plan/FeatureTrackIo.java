package org.netbend.plan;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * features.json and features.csv.
 *
 * <p>JSON (schema version 1):
 * <pre>{"version":1, "fps":20.0, "frameCount":N, "durationSeconds":..., "sampleRate":44100,
 *  "tempoBpm":[N numbers], "onsetTimes":[seconds...], "beatTimes":[seconds...],
 *  "features":{"rms":[N numbers], ...}}</pre>
 * onsetTimes and beatTimes (exact event times, not only frame flags) were added within version 1: a reader
 * that does not know them skips them, and a file without them reads as empty lists.
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
            writeTimes(json, "onsetTimes", track.onsetTimes());
            writeTimes(json, "beatTimes", track.beatTimes());
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

    private static void writeTimes(JsonGenerator json, String name, double[] times) throws IOException {
        json.writeArrayFieldStart(name);
        for (double t : times) {
            json.writeNumber(t);
        }
        json.writeEndArray();
    }

    public static FeatureTrack readJson(Path in) throws IOException {
        try (InputStream stream = Files.newInputStream(in)) {
            return fromJson(stream);
        } catch (IllegalArgumentException e) {
            throw new IOException(in + ": " + e.getMessage(), e);
        }
    }

    /** Parses features.json; a clear IllegalArgumentException names a missing or malformed field. */
    public static FeatureTrack fromJson(byte[] json) throws IOException {
        return fromJson(new ByteArrayInputStream(json));
    }

    /**
     * Parses features.json from a stream, value by value into float arrays: an album's file holds millions of
     * numbers, and a JSON tree would box every one of them.
     */
    public static FeatureTrack fromJson(InputStream json) throws IOException {
        Map<String, Double> scalars = new HashMap<>();
        double[] tempo = null;
        double[] onsetTimes = null;
        double[] beatTimes = null;
        Map<String, float[]> features = null;
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("features JSON must be an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "tempoBpm" -> tempo = numbers(parser, "tempoBpm").toDoubles();
                    case "onsetTimes" -> onsetTimes = numbers(parser, "onsetTimes").toDoubles();
                    case "beatTimes" -> beatTimes = numbers(parser, "beatTimes").toDoubles();
                    case "features" -> features = features(parser);
                    default -> {
                        if (value.isNumeric()) {
                            scalars.put(field, parser.getDoubleValue());
                        } else {
                            parser.skipChildren(); // unknown or non-numeric: ignored, or reported as missing below
                        }
                    }
                }
            }
        }
        int version = (int) required(scalars, "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("features JSON version " + version + " is not supported (expected "
                    + VERSION + ")");
        }
        double fps = required(scalars, "fps");
        int frameCount = (int) required(scalars, "frameCount");
        double duration = required(scalars, "durationSeconds");
        int sampleRate = (int) required(scalars, "sampleRate");
        if (tempo == null) {
            throw new IllegalArgumentException("features JSON has no 'tempoBpm' field");
        }
        if (features == null) {
            throw new IllegalArgumentException("features JSON has no 'features' field");
        }
        return new FeatureTrack(fps, frameCount, duration, sampleRate, features, tempo, onsetTimes, beatTimes);
    }

    private static Map<String, float[]> features(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("'features' must be an object of arrays");
        }
        Map<String, float[]> features = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            features.put(name, numbers(parser, "feature '" + name + "'").toFloats());
        }
        return features;
    }

    /** The numbers of the array at the parser's current token. */
    private static Numbers numbers(JsonParser parser, String what) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException(what + " must be an array of numbers");
        }
        Numbers numbers = new Numbers();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null || !token.isNumeric()) {
                throw new IllegalArgumentException(what + " value " + numbers.size + " is not a number");
            }
            numbers.add(parser.getDoubleValue());
        }
        return numbers;
    }

    private static double required(Map<String, Double> scalars, String field) {
        Double value = scalars.get(field);
        if (value == null) {
            throw new IllegalArgumentException("features JSON has no '" + field + "' field");
        }
        return value;
    }

    /** A growable list of numbers, kept as doubles until the array ends. */
    private static final class Numbers {
        private double[] values = new double[1024];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        double[] toDoubles() { return Arrays.copyOf(values, size); }

        float[] toFloats() {
            float[] out = new float[size];
            for (int i = 0; i < size; i++) {
                out[i] = (float) values[i];
            }
            return out;
        }
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
