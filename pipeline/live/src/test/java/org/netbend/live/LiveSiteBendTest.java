package org.netbend.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendSpec;
import org.netbend.render.StableDiffusion;
import org.netbend.render.onnx.OnnxModel;

/**
 * Site bends live on the toy model (sites down.0, down.1, mid, up.0, up.1, up.1.attn.0, up.2) at a simulated
 * clock: the U-Net session is built off the loop, swapped in at a frame, and the old one closed.
 */
class LiveSiteBendTest {
    private static final LiveSettings SMALL = LiveSettings.defaults().withSize(64, 64).withFps(10);
    private static final String MID = "multiply@every/mid=rms[2..3]";
    private static final String UP = "add@every/up.2=rms[0.5..1]";
    private static final long BUILD_DEADLINE_NANOS = 120_000_000_000L;

    @TempDir Path temp;

    private List<LiveFrame> run(Path wav, List<String> bends) throws Exception {
        LiveFixtures.Frames sink = new LiveFixtures.Frames();
        try (LiveLoop live = new LiveLoop(LiveFixtures.toy(temp.resolve("cache")), SMALL, new SimulatedClock(0.001),
                FileInput.open(wav, LiveFixtures.RATE), new MidiKnobs(), sink, null, "3D mesh geometry", bends)) {
            live.run();
        }
        return sink.frames;
    }

    @Test
    void aSiteBendAddedMidSessionIsBuiltOffTheLoopAndSwappedInAtAFrame() throws Exception {
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 2);
        List<LiveFrame> plain = run(wav, List.of());
        List<LiveFrame> withMid = run(wav, List.of(MID));
        List<LiveFrame> withBoth = run(wav, List.of(MID, UP));

        StableDiffusion model = LiveFixtures.toy(temp.resolve("cache"));
        LiveLoop[] self = new LiveLoop[1];
        ControlResult[] answers = new ControlResult[2];
        OnnxModel[] midSession = new OnnxModel[1];
        List<ControlEvent> events = new CopyOnWriteArrayList<>();
        LiveFixtures.Frames sink = new LiveFixtures.Frames(frame -> {
            switch (frame.index()) {
                case 5 -> answers[0] = self[0].addBend(MID);
                case 12 -> answers[1] = self[0].addBend(UP);
                case 7, 14 -> awaitBuild(self[0]); // the loop rendered on while it was building
                default -> { }
            }
            if (answers[0] != null && midSession[0] == null && contains(frame.bendIds(), answers[0].bendId())) {
                // the session the loop adopted for [mid] (kept by the model: this returns it, builds nothing)
                midSession[0] = model.siteModels().forEdits(SiteSessions.editsOf(
                        List.of(new LiveBend(0, BendParser.parse(MID))), SMALL.seed()));
            }
        });
        Path take = temp.resolve("take");
        try (SessionRecorder recorder = new SessionRecorder(take, SMALL, LiveFixtures.RATE);
                LiveLoop live = new LiveLoop(model, SMALL, new SimulatedClock(0.001), FileInput.open(wav,
                        LiveFixtures.RATE), new MidiKnobs(), sink, recorder, "3D mesh geometry", List.of())) {
            self[0] = live;
            live.onControlEvent(events::add);
            live.run();
            assertTrue(answers[0].accepted() && answers[0].preparing(), answers[0].toString());
            assertTrue(answers[0].message().startsWith("preparing the U-Net with site bends at [mid]"),
                    answers[0].message());
            assertTrue(answers[1].preparing(), "[mid, up.2] is another session: " + answers[1]);
            OnnxModel old = midSession[0];
            IllegalStateException closed = assertThrows(IllegalStateException.class,
                    () -> old.run(model.probeFeed(64, 64), old.outputs().keySet().iterator().next()),
                    "the [mid] session was closed when [mid, up.2] was swapped in");
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        }
        List<LiveFrame> frames = sink.frames;
        assertEquals(20, frames.size());
        int first = firstWith(frames, answers[0].bendId());
        int second = firstWith(frames, answers[1].bendId());
        assertTrue(first >= 6 && first <= 8, "added after frame 5, built by the end of frame 7: in at " + first);
        assertTrue(second >= 13 && second <= 15, "added after frame 12, built by the end of frame 14: in at " + second);
        assertEquals(List.of(ControlEvent.inEffect(answers[0].bendId(), first),
                ControlEvent.inEffect(answers[1].bendId(), second)), events);
        for (LiveFrame frame : frames) {
            int n = frame.index();
            List<LiveFrame> expected = n < first ? plain : n < second ? withMid : withBoth;
            assertArrayEquals(expected.get(n).image().pixels(), frame.image().pixels(), "frame " + n + " bit for bit");
            if (n >= first) {
                assertFalse(Arrays.equals(plain.get(n).image().pixels(), frame.image().pixels()),
                        "the site bend changes frame " + n);
            }
        }

        // Recorded as other bends are: site and steps kept, the lane at the operator's identity before it was live.
        JsonNode job = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(take.resolve("session.yaml")));
        List<String> recorded = new ArrayList<>();
        job.path("bends").forEach(b -> recorded.add(b.asText()));
        assertEquals(2, recorded.size(), recorded.toString());
        BendSpec mid = BendParser.parse(recorded.get(0));
        assertTrue(mid.atSite() && mid.site().equals("mid"), recorded.get(0));
        String lane = "bend" + answers[0].bendId();
        assertTrue(recorded.get(0).contains("=lane:" + lane + "["), recorded.get(0));
        JsonNode points = job.path("lanes").path(lane).path("points");
        assertEquals(0.0, points.get(0).get(0).asDouble());
        assertEquals(1.0, points.get(0).get(1).asDouble(), "multiply is x·1 before the bend went live");
        assertEquals(first / SMALL.fps(), points.get(1).get(0).asDouble(), 1e-12);
        assertEquals(frames.get(first).params()[0][0], points.get(1).get(1).asDouble(), 1e-12,
                "the live value from the frame it went live");
        assertTrue(BendParser.parse(recorded.get(1)).site().equals("up.2"), recorded.get(1));
    }

    @Test
    void anUnknownSiteIsRefusedAndAFailedBuildKeepsTheOldBends() throws Exception {
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 2);
        IllegalArgumentException atStart = assertThrows(IllegalArgumentException.class,
                () -> new LiveLoop(LiveFixtures.toy(temp.resolve("cache")), SMALL, new SimulatedClock(0.001),
                        FileInput.open(wav, LiveFixtures.RATE), new MidiKnobs(), FrameSink.NONE, null, "p",
                        List.of("threshold@0/up.7=0.5")));
        assertTrue(atStart.getMessage().contains("unknown site 'up.7'; this model's sites: down.0, down.1, mid,"),
                atStart.getMessage());

        List<LiveFrame> plain = run(wav, List.of());
        LiveLoop[] self = new LiveLoop[1];
        ControlResult[] answers = new ControlResult[3];
        List<ControlEvent> events = new CopyOnWriteArrayList<>();
        LiveFixtures.Frames sink = new LiveFixtures.Frames(frame -> {
            if (frame.index() == 3) {
                answers[0] = self[0].addBend("threshold@0/up.7=0.5");
                // mid has 4 channels: only the build (which probes the channels) can tell
                answers[1] = self[0].addBend("multiply@every/mid:channel(9)=2");
                answers[2] = self[0].addBend("threshold@0/mid.0=0.5");
            }
            if (frame.index() == 5) {
                awaitBuild(self[0]);
            }
        });
        try (LiveLoop live = new LiveLoop(LiveFixtures.toy(temp.resolve("cache")), SMALL, new SimulatedClock(0.001),
                FileInput.open(wav, LiveFixtures.RATE), new MidiKnobs(), sink, null, "3D mesh geometry", List.of())) {
            self[0] = live;
            live.onControlEvent(events::add);
            live.run();
            assertEquals(List.of(), live.bends(), "the old bends (none) stay");
        }
        assertFalse(answers[0].accepted());
        assertTrue(answers[0].message().contains("unknown site 'up.7'; this model's sites: down.0, down.1, mid,"),
                answers[0].message());
        assertFalse(answers[0].message().contains("\n"), "one line");
        assertFalse(answers[2].accepted());
        assertTrue(answers[2].message().startsWith("bad site 'mid.0'; a site is down.N, mid or up.N"),
                answers[2].message());
        assertTrue(answers[1].preparing(), answers[1].toString());
        assertEquals(1, events.size(), events.toString());
        ControlEvent failed = events.get(0);
        assertFalse(failed.inEffect());
        assertEquals(answers[1].bendId(), failed.bendId());
        assertTrue(failed.message().startsWith("site bends at [mid] refused: ") && failed.message().contains("9"),
                failed.message());
        for (LiveFrame frame : sink.frames) {
            assertArrayEquals(plain.get(frame.index()).image().pixels(), frame.image().pixels(),
                    "frame " + frame.index() + " rendered with the old bends");
        }
    }

    @Test
    void removingTheLastSiteBendRendersThePlainUnetAndKeepsTheSession() throws Exception {
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 2);
        List<LiveFrame> plain = run(wav, List.of());
        LiveLoop[] self = new LiveLoop[1];
        ControlResult[] answers = new ControlResult[2];
        LiveFixtures.Frames sink = new LiveFixtures.Frames(frame -> {
            if (frame.index() == 4) {
                answers[0] = self[0].removeBend(0);
            }
            if (frame.index() == 9) {
                answers[1] = self[0].addBend(MID); // the same set of site edits again
            }
        });
        try (LiveLoop live = new LiveLoop(LiveFixtures.toy(temp.resolve("cache")), SMALL, new SimulatedClock(0.001),
                FileInput.open(wav, LiveFixtures.RATE), new MidiKnobs(), sink, null, "3D mesh geometry",
                List.of(MID))) {
            self[0] = live;
            live.run();
        }
        assertFalse(answers[0].preparing(), "no build to go back to the plain U-Net: " + answers[0]);
        assertFalse(answers[1].preparing(), "the kept session serves it again: " + answers[1]);
        for (LiveFrame frame : sink.frames) {
            int n = frame.index();
            boolean bent = n <= 4 || n >= 10;
            assertEquals(bent, !Arrays.equals(plain.get(n).image().pixels(), frame.image().pixels()),
                    "frame " + n + (bent ? " bent" : " plain"));
        }
    }

    private static void awaitBuild(LiveLoop live) {
        long deadline = System.nanoTime() + BUILD_DEADLINE_NANOS;
        while (live.buildingSiteSession()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the site session was not built within 120 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the site session build", e);
            }
        }
    }

    private static boolean contains(int[] ids, int id) {
        return Arrays.stream(ids).anyMatch(i -> i == id);
    }

    private static int firstWith(List<LiveFrame> frames, int id) {
        return frames.stream().filter(f -> contains(f.bendIds(), id)).mapToInt(LiveFrame::index).findFirst()
                .orElseThrow(() -> new AssertionError("no frame with bend " + id));
    }
}
