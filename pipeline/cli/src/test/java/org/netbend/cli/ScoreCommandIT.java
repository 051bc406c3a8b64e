package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.assemble.VideoTags;
import org.netbend.farm.TestAudio;

/**
 * `netbend score` as a user runs it, on videos the toy model rendered through `render` (real Flink, FFmpeg, local
 * store): the job is found by the id in each video; a bend that follows rms scores high and a constant bend on
 * the same track does not; an onset bend's onsets are seen; two videos side by side; one-line refusals.
 */
class ScoreCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path temp;
    static Path store;
    static Path audio;
    static Path follows;
    static Path constant;
    static Path onsets;

    @BeforeAll
    static void render() throws Exception {
        store = temp.resolve("store");
        audio = TestAudio.writeWav(temp.resolve("hits.wav"), hits(4.0));
        follows = render("follows.mp4", "rotate-r1@40=rms[0..2pi]", "code");
        // Fresh noise each frame: a picture that changes all the time, but not with the music.
        constant = render("constant.mp4", "rotate-r1@40=1", "independent");
        onsets = render("onsets.mp4", "add@0=onset[0..3]", "code");
    }

    /** Percussive hits every 0.35 s with a loudness that rises and falls: rms moves, onsets are sharp. */
    static float[] hits(double seconds) {
        int n = (int) Math.round(seconds * TestAudio.RATE);
        float[] samples = new float[n];
        Random noise = new Random(11);
        int k = 0;
        for (double at = 0.2; at < seconds - 0.2; at += 0.35, k++) {
            double peak = 0.25 + 0.65 * Math.abs(Math.sin(k * 0.9));
            int start = (int) Math.round(at * TestAudio.RATE);
            for (int i = 0; start + i < n && i < TestAudio.RATE / 4; i++) {
                double t = i / (double) TestAudio.RATE;
                double env = peak * Math.exp(-t / 0.06);
                samples[start + i] += (float) (env * (0.7 * Math.sin(2 * Math.PI * 180 * t)
                        + 0.3 * (noise.nextDouble() * 2 - 1)));
            }
        }
        return samples;
    }

    private static Path render(String name, String bend, String walk) throws Exception {
        Path out = temp.resolve(name);
        CliRun run = CliRun.of("render", audio.toString(), "-p", "3D mesh geometry", "--bend", bend,
                "-o", out.toString(), "--size", "64x64", "--store", store.toString(),
                "--cache", temp.resolve("cache").toString(), "--segment-length", "40", "--frames", "none",
                "--walk", walk);

        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    private static JsonNode score(Path json, String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        System.out.println(run.out());
        return JSON.readTree(json.toFile());
    }

    @Test
    void aBendThatFollowsRmsScoresHighAndAConstantOneDoesNot() throws Exception {
        Path json = temp.resolve("follows.json");
        Path plot = temp.resolve("follows.png");
        JsonNode video = score(json, "score", follows.toString(), "--store", store.toString(), "-o", json.toString(),
                "--plot", plot.toString()).get("videos").get(0);
        assertEquals(VideoTags.jobIdOf(follows).orElseThrow(), video.get("jobId").asText(),
                "the job was found by the id in the video");
        JsonNode bend = video.get("bends").get(0);
        assertEquals("rotate-r1@40=rms[0..2pi]", bend.get("bend").asText());
        assertFalse(bend.get("constant").asBoolean());
        System.out.println("follows: " + bend + " rms " + video.get("features").get("rms"));
        assertTrue(bend.get("reactivity").asDouble() > 0.6, "the picture follows rms: " + bend);
        double followsRms = video.get("features").get("rms").get("correlation").asDouble();
        assertTrue(followsRms > 0.6, "and so the music's loudness: " + followsRms);

        Path constantJson = temp.resolve("constant.json");
        JsonNode still = score(constantJson, "score", constant.toString(), "--store", store.toString(),
                "-o", constantJson.toString()).get("videos").get(0);
        JsonNode constantBend = still.get("bends").get(0);
        System.out.println("constant: " + constantBend + " rms " + still.get("features").get("rms"));
        assertTrue(constantBend.get("constant").asBoolean());
        assertEquals(0.0, constantBend.get("reactivity").asDouble());
        assertTrue(still.get("meanChange").asDouble() > 0.1, "fresh noise changes the picture: " + still);
        // Unrelated series of n frames correlate by chance within about 1/sqrt(n); three times that, searched
        // over 11 lags, is what "does not follow" can mean on 80 frames (0.34).
        double chance = 3 / Math.sqrt(still.get("frames").asInt() - 3);
        double stillRms = Math.abs(still.get("features").get("rms").get("correlation").asDouble());
        assertTrue(stillRms < chance, "a constant bend's picture does not follow rms: " + stillRms);
        assertTrue(followsRms > stillRms + 0.3, followsRms + " against " + stillRms);
        assertEquals(1.0, still.get("flicker").get("fraction").asDouble(), 1e-9, "no parameter explains it");

        assertTrue(Files.size(plot) > 10_000 && ImageIO.read(plot.toFile()).getWidth() == 1600, "a real PNG");
    }

    @Test
    void theOnsetsOfAnOnsetBendAreSeen() throws Exception {
        Path json = temp.resolve("onsets.json");
        JsonNode video = score(json, "score", onsets.toString(), "--store", store.toString(), "-o", json.toString())
                .get("videos").get(0);
        JsonNode seen = video.get("onsets");
        System.out.println("onsets: " + seen);
        assertTrue(seen.get("audio").asInt() >= 8, "the hits are onsets: " + seen);
        assertTrue(seen.get("recall").asDouble() >= 0.8 && seen.get("precision").asDouble() >= 0.8,
                "an onset bend shows its onsets within one frame: " + seen);
    }

    @Test
    void twoVideosSideBySide() throws Exception {
        Path json = temp.resolve("both.json");
        CliRun run = CliRun.of("score", follows.toString(), constant.toString(), "--store", store.toString(),
                "-o", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode videos = JSON.readTree(json.toFile()).get("videos");
        assertEquals(2, videos.size());
        assertEquals(List.of("follows.mp4", "constant.mp4"),
                List.of(videos.get(0).get("video").asText(), videos.get(1).get("video").asText()));
        String header = run.out().lines().findFirst().orElseThrow();
        assertTrue(header.contains("follows.mp4") && header.contains("constant.mp4"), run.out());
    }

    @Test
    void aJobFolderCopiedOutOfTheStoreServesWithoutTheStore() throws Exception {
        String jobId = VideoTags.jobIdOf(follows).orElseThrow();
        Path copied = Files.createDirectories(temp.resolve("copied/" + jobId));
        for (String name : List.of("request.json", "features.json")) {
            Files.copy(store.resolve("jobs/" + jobId + "/" + name), copied.resolve(name));
        }
        Path json = temp.resolve("copied.json");
        JsonNode video = score(json, "score", follows.toString(), "--job", copied.resolve("request.json").toString(),
                "-o", json.toString()).get("videos").get(0);
        assertEquals(jobId, video.get("jobId").asText());
        assertTrue(video.get("bends").get(0).get("reactivity").asDouble() > 0.6, video.toString());
        refused("has no features.json beside it", "score", follows.toString(), "--job",
                Files.writeString(temp.resolve("lonely-request.json"), "{}").toString(), "-o", json.toString());
    }

    @Test
    void badInputIsOneLine() throws Exception {
        String jobId = VideoTags.jobIdOf(follows).orElseThrow();
        Path chunk; // a chunk carries no job id; its key names its encoding (00000.veryfast-crf18-....mp4)
        try (var chunks = Files.list(store.resolve("jobs/" + jobId + "/chunks"))) {
            chunk = chunks.filter(c -> c.getFileName().toString().startsWith("00000.")).findFirst().orElseThrow();
        }
        Path text = Files.writeString(temp.resolve("notes.mp4"), "not a video");
        Path out = temp.resolve("refused.json");
        refused("carries no netbend job id", "score", chunk.toString(), "--store", store.toString(), "-o", out.toString());
        refused("is not in", "score", follows.toString(), "--store", store.toString(), "--job-id", "0123456789abcdef",
                "-o", out.toString());
        refused("is not a video FFmpeg can read", "score", text.toString(), "--store", store.toString(),
                "-o", out.toString());
        refused("is not a job id", "score", follows.toString(), "--store", store.toString(), "--job-id", "../x",
                "-o", out.toString());
        refused("does not exist", "score", temp.resolve("missing.mp4").toString(), "-o", out.toString());
        assertFalse(Files.exists(out), "no score was written");
    }

    private static void refused(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
    }
}
