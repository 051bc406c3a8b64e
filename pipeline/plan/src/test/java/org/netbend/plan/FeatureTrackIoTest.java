package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.ParameterSource;
import org.netbend.core.Range;

class FeatureTrackIoTest {
    @TempDir
    Path dir;

    private static FeatureTrack sample() {
        Map<String, float[]> f = new LinkedHashMap<>();
        f.put("rms", new float[] {0f, 0.25f, 0.5f});
        f.put("centroid", new float[] {0f, 1234.5f, 880f});
        f.put("beat", new float[] {0f, 1f, 0f});
        return new FeatureTrack(20, 3, 0.125, 44_100, f, new double[] {0, 120, 120},
                new double[] {0.0123, 0.0871}, new double[] {0.0605});
    }

    @Test
    void jsonRoundTripsExactly() throws Exception {
        FeatureTrack track = sample();
        Path file = dir.resolve("features.json");
        FeatureTrackIo.writeJson(track, file);
        FeatureTrack back = FeatureTrackIo.readJson(file);
        assertEquals(track, back);
        assertEquals(List.of("rms", "centroid", "beat"), List.copyOf(back.features().keySet()), "order kept");

        JsonNode json = new ObjectMapper().readTree(FeatureTrackIo.toJson(track));
        assertEquals(3, json.get("frameCount").asInt());
        assertEquals(20.0, json.get("fps").asDouble());
        assertEquals(1234.5, json.get("features").get("centroid").get(1).asDouble(), 1e-9);
        assertEquals(0.0871, json.get("onsetTimes").get(1).asDouble(), "onset times in seconds, exactly");
        assertEquals(0.0605, json.get("beatTimes").get(0).asDouble());
        assertArrayEquals(new double[] {0.0123, 0.0871}, back.onsetTimes());
    }

    @Test
    void jsonWithoutEventTimesReadsAsNoEvents() throws Exception {
        String old = "{\"version\":1,\"fps\":20.0,\"frameCount\":1,\"durationSeconds\":0.05,\"sampleRate\":44100,"
                + "\"tempoBpm\":[0],\"features\":{\"rms\":[0.5]}}";
        FeatureTrack back = FeatureTrackIo.fromJson(old.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, back.onsetTimes().length);
        assertEquals(0, back.beatTimes().length);
    }

    @Test
    void jsonWithWrongLengthsIsRejectedClearly() {
        String json = "{\"version\":1,\"fps\":20,\"frameCount\":3,\"durationSeconds\":0.15,\"sampleRate\":44100,"
                + "\"tempoBpm\":[0,0,0],\"features\":{\"rms\":[1,2]}}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureTrackIo.fromJson(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("feature 'rms' has 2 values, expected 3 (one per frame)", e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> FeatureTrackIo.fromJson("{\"version\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("features JSON has no 'fps' field", missing.getMessage());
    }

    @Test
    void jsonIsReadInAnyFieldOrderAndBadValuesAreNamed() throws Exception {
        String reordered = "{\"features\":{\"rms\":[0.5,1e-3,2]},\"extra\":{\"a\":[1]},\"tempoBpm\":[0,120,121.5],"
                + "\"sampleRate\":8000,\"durationSeconds\":0.3,\"frameCount\":3,\"fps\":10,\"version\":1}";
        FeatureTrack track = FeatureTrackIo.fromJson(reordered.getBytes(StandardCharsets.UTF_8));
        assertEquals(new FeatureTrack(10, 3, 0.3, 8000, Map.of("rms", new float[] {0.5f, 1e-3f, 2f}),
                new double[] {0, 120, 121.5}), track);

        String text = "{\"version\":1,\"fps\":20,\"frameCount\":2,\"durationSeconds\":0.1,\"sampleRate\":44100,"
                + "\"tempoBpm\":[0,0],\"features\":{\"rms\":[1,\"loud\"]}}";
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> FeatureTrackIo.fromJson(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals("feature 'rms' value 1 is not a number", word.getMessage());
        IllegalArgumentException notObject = assertThrows(IllegalArgumentException.class,
                () -> FeatureTrackIo.fromJson("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("features JSON must be an object", notObject.getMessage());
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> FeatureTrackIo.fromJson("{\"version\":2}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("features JSON version 2 is not supported (expected 1)", version.getMessage());
    }

    @Test
    void csvHasOneRowPerFrame() throws Exception {
        Path file = dir.resolve("features.csv");
        FeatureTrackIo.writeCsv(sample(), file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("frame,time,rms,centroid,beat", "0,0.0,0.0,0.0,0.0", "1,0.05,0.25,1234.5,1.0",
                "2,0.1,0.5,880.0,0.0"), lines);
    }

    @Test
    void plotShowsFeaturesAndParameterTracks() throws Exception {
        Path audio = TestAudio.writeWav16(dir.resolve("a.wav"), TestAudio.concat(new float[22_050],
                TestAudio.sine(440, 0.5, 1.5, 44_100)), 44_100);
        FeatureTrack track = AudioAnalyzer.analyze(audio, AnalysisOptions.defaults(20));
        double[] rotation = ParameterTracks.compute(track, new ParameterSource.Feature("rms",
                new Range(0, 2 * Math.PI), List.of()));
        Path png = dir.resolve("features.png");
        FeaturePlot.writePng(track, Map.of("rotate R1 <- rms[0..2pi]", rotation), png, 900, 1400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(1400, image.getHeight());
        // The parameter panel's red line is drawn: count pixels of its colour (or its antialiased shades).
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) > 150 && ((rgb >> 8) & 0xff) < 120 && (rgb & 0xff) < 120) {
                    red++;
                }
            }
        }
        assertTrue(red > 100, "parameter track drawn, red pixels: " + red);
        assertThrows(IllegalArgumentException.class, () -> FeaturePlot.writePng(track,
                Map.of("short", new double[3]), png, 900, 900));
    }
}
