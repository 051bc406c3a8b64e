package org.netbend.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.bend.BendParser;

/** A bend added or removed mid-session is recorded as the operator's identity outside its live time. */
class SessionRecorderTest {
    @TempDir Path temp;

    @Test
    void aBendLiveFromFrame3To5IsTheIdentityBeforeAndAfter() throws Exception {
        LiveSettings settings = LiveSettings.defaults().withFps(10).withSize(64, 64);
        LiveBend always = new LiveBend(0, BendParser.parse("add@0=rms[0..2]"));
        LiveBend knob = new LiveBend(1, BendParser.parse("multiply@0=rms[1.2..2]"));
        LiveBend chain = new LiveBend(2, BendParser.parse("sobel>add@0=rms[0..1]"));
        try (SessionRecorder recorder = new SessionRecorder(temp.resolve("take"), settings, 44100)) {
            for (int n = 0; n < 8; n++) {
                boolean live = n >= 3 && n < 6;
                List<LiveBend> bends = live ? List.of(always, knob, chain) : List.of(always);
                double[][] params = live ? new double[][] {{0.5}, {1.5}, {0.25}} : new double[][] {{0.5}};
                recorder.frame(n, bends, params, Map.of());
            }
        }
        JsonNode job = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(temp.resolve("take/session.yaml")));
        assertEquals("input.wav", job.path("audio").asText());
        assertEquals("[[0.0,0.5]]", job.path("lanes").path("bend0").path("points").toString(), "live throughout");
        assertEquals("[[0.0,1.0],[0.3,1.5],[0.6,1.0]]", job.path("lanes").path("bend1").path("points").toString(),
                "multiply is x·1 before it was added and after it was removed");
        String replayed = job.path("bends").get(1).asText();
        assertTrue(replayed.contains("[1..2]|input(1,2)"), "the range widened to hold the identity 1: " + replayed);
        assertEquals("[[0.3,0.25]]", job.path("lanes").path("bend2").path("points").toString(),
                "a chain has no identity value: it holds its values (the documented limit)");
    }
}
