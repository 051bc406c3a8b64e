package org.netbend.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.bend.BendParser;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.ParameterTracks;

/** The frame loop on the toy model from a WAV: schedule, skipping, live vs offline values, controls, knobs. */
class LiveLoopTest {
    private static final LiveSettings SMALL = LiveSettings.defaults().withSize(64, 64).withFps(10);

    @TempDir Path temp;

    private LiveLoop loop(Path wav, LiveClock clock, FrameSink sink, MidiKnobs knobs, List<String> bends)
            throws Exception {
        return new LiveLoop(LiveFixtures.toy(temp.resolve("cache")), SMALL, clock,
                FileInput.open(wav, LiveFixtures.RATE), knobs, sink, null, "3D mesh geometry", bends);
    }

    @Test
    void aSimulatedClockRendersEveryFrameWhenTheModelKeepsUp() throws Exception {
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 2);
        LiveFixtures.Frames sink = new LiveFixtures.Frames();
        LiveReport report;
        try (LiveLoop live = loop(wav, new SimulatedClock(0.01), sink, new MidiKnobs(), List.of())) {
            report = live.run();
        }
        assertEquals(20, report.rendered(), report.summary());
        assertEquals(0, report.skipped());
        for (int n = 0; n < 20; n++) {
            LiveFrame frame = sink.frames.get(n);
            assertEquals(n, frame.index());
            assertEquals((n + 1) / 10.0, frame.dueSeconds(), 1e-12, "frame n is due when its audio has been heard");
            assertEquals(0.01, frame.latencySeconds(), 1e-9, "one modelled render time after it was due");
        }
        assertEquals("the input ended", report.ended());
    }

    @Test
    void lateFramesAreSkippedNotQueued() throws Exception {
        // Each frame costs 2.5 frame periods: frames 0, 2, 5, 7, 10, ... (the newest heard frame each time), and
        // the last frame once the file has ended.
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 2);
        LiveFixtures.Frames sink = new LiveFixtures.Frames();
        LiveReport report;
        try (LiveLoop live = loop(wav, new SimulatedClock(0.25), sink, new MidiKnobs(), List.of())) {
            report = live.run();
        }
        int[] indices = sink.frames.stream().mapToInt(LiveFrame::index).toArray();
        assertArrayEquals(new int[] {0, 2, 5, 7, 10, 12, 15, 17, 19}, indices);
        assertEquals(20 - indices.length, report.skipped());
        for (LiveFrame frame : sink.frames) {
            // Started at most one frame period after it was due (it was the newest heard frame), so its latency is
            // one render plus at most one period, however many frames came before: nothing queued.
            assertTrue(frame.latencySeconds() >= 0.25 - 1e-9 && frame.latencySeconds() <= 0.35 + 1e-9,
                    "latency of frame " + frame.index() + ": " + frame.latencySeconds());
        }
    }

    @Test
    void aRealTimeClockRendersTheNewestHeardFrame() throws Exception {
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 1);
        LiveFixtures.Frames sink = new LiveFixtures.Frames();
        RealTimeClock clock = new RealTimeClock();
        LiveReport report;
        try (LiveLoop live = loop(wav, clock, sink, new MidiKnobs(), List.of("multiply@0=rms[1..1.5]"))) {
            report = live.run();
        }
        assertEquals(10, report.rendered() + report.skipped(), "every frame of the second is rendered or skipped: "
                + report.summary());
        int previous = -1;
        for (LiveFrame frame : sink.frames) {
            assertTrue(frame.index() > previous, "frames in order, none twice");
            assertTrue(frame.doneSeconds() >= frame.dueSeconds(), "no frame before its audio was heard");
            previous = frame.index();
        }
    }

    @Test
    void aBendOnRmsFollowsTheAudioAsOffline() throws Exception {
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 3);
        String fixed = "multiply@0=rms[1..2]|input(0,0.6)";
        String scaled = "add@0=rms[0..1]";
        LiveFixtures.Frames sink = new LiveFixtures.Frames();
        try (LiveLoop live = loop(wav, new SimulatedClock(0.001), sink, new MidiKnobs(), List.of(fixed, scaled))) {
            live.run();
        }
        FeatureTrack offline = AudioAnalyzer.analyze(wav, AnalysisOptions.defaults(10));
        double[] fixedOffline = ParameterTracks.compute(offline, BendParser.parse(fixed).sources().get(0));
        double[] scaledOffline = ParameterTracks.compute(offline, BendParser.parse(scaled).sources().get(0));
        float[] rms = offline.feature("rms");
        int loudest = 0;
        for (int i = 0; i < rms.length; i++) {
            loudest = rms[i] > rms[loudest] ? i : loudest;
        }
        assertEquals(30, sink.frames.size());
        for (LiveFrame frame : sink.frames) {
            int n = frame.index();
            // input(lo,hi): the same frame window, the same code: equal to double rounding.
            assertEquals(fixedOffline[n], frame.params()[0][0], 1e-12, "fixed input range at frame " + n);
            // min-max over what has been heard equals min-max over the track once the quietest (frame 0, the file
            // starts quiet) and the loudest frame have been heard.
            if (n >= loudest) {
                assertEquals(scaledOffline[n], frame.params()[1][0], 1e-12, "min-max at frame " + n);
            }
        }
        assertNotEquals(sink.frames.get(5).params()[0][0], sink.frames.get(17).params()[0][0], "it follows the audio");
    }

    @Test
    void aBendOnOnsetFiresWithinTheDetectionDelayOfOfflineOnsets() throws Exception {
        Path drums = Path.of("../../examples/drums.wav");
        double fps = 20;
        LiveFixtures.Frames sink = new LiveFixtures.Frames();
        List<String> bends = List.of("multiply@0=onset[1..2]|input(0,1)", "add@0=tempo[0..1]|input(0,240)",
                "add@0=beat[0..1]|input(0,1)");
        try (LiveLoop live = new LiveLoop(LiveFixtures.toy(temp.resolve("cache")), SMALL.withFps(fps),
                new SimulatedClock(0.001), FileInput.open(drums, LiveFixtures.RATE), new MidiKnobs(), sink, null,
                "3D mesh geometry", bends)) {
            live.run();
        }
        double[] onsets = AudioAnalyzer.analyzeFully(drums, AnalysisOptions.defaults(fps)).onsetTimes();
        List<Integer> fired = sink.frames.stream().filter(f -> f.params()[0][0] == 2).map(LiveFrame::index).toList();
        double delay = 0.0522; // plan.LiveAnalysis#onsetDelaySeconds at 44.1 kHz
        long found = java.util.Arrays.stream(onsets).filter(t -> fired.stream().anyMatch(
                f -> f >= Math.floor(t * fps) && f <= Math.floor((t + delay + 0.001) * fps))).count();
        // several onsets can share a 50 ms frame: one frame fires for them all
        long offlineFrames = java.util.Arrays.stream(onsets).mapToLong(t -> (long) Math.floor(t * fps)).distinct()
                .count();
        assertTrue(found >= 0.95 * onsets.length && fired.size() <= offlineFrames + 1, "live onset frames " + fired
                + " vs offline onsets " + java.util.Arrays.toString(onsets));
        assertTrue(sink.frames.stream().anyMatch(f -> f.params()[2][0] == 1), "a predicted beat fired");
        assertTrue(sink.frames.stream().filter(f -> f.index() >= 3 * fps).allMatch(f -> f.params()[1][0] > 0.25),
                "a tempo from 3 s on");
    }

    @Test
    void aMidiKnobMovesABendAndControlsApplyAtTheNextFrame() throws Exception {
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 2);
        MidiKnobs knobs = new MidiKnobs();
        LiveLoop[] self = new LiveLoop[1];
        ControlResult[] bad = new ControlResult[1];
        LiveFixtures.Frames sink = new LiveFixtures.Frames(frame -> {
            if (frame.index() == 4) {
                knobs.send(controlChange(7, 127), -1); // the virtual controller turns knob 7 fully up
            }
            if (frame.index() == 9) {
                bad[0] = self[0].editBend(0, "rotate-r1@0=cc7@ctl[0..pi]|bogus(1)");
            }
        });
        try (LiveLoop live = loop(wav, new SimulatedClock(0.001), sink, knobs,
                List.of("multiply@0=cc7@ctl[1..1.5]|input(0,127)"))) {
            self[0] = live;
            live.run();
        }
        for (LiveFrame frame : sink.frames) {
            assertEquals(frame.index() <= 4 ? 1.0 : 1.5, frame.params()[0][0], 1e-12, "knob 7 at frame " + frame.index());
        }
        assertFalse(bad[0].accepted());
        assertTrue(bad[0].message().contains("bogus"), bad[0].message());
        assertEquals(1, sink.frames.get(19).params().length, "the old bend stays");
    }

    @Test
    void badInputIsAClearError() throws Exception {
        LiveInputException device = assertThrows(LiveInputException.class,
                () -> DeviceInput.open("No Such Microphone", 44100));
        assertTrue(device.getMessage().startsWith("no input device No Such Microphone; available: "),
                device.getMessage());
        LiveInputException midi = assertThrows(LiveInputException.class, () -> new MidiKnobs().connect("Nope"));
        assertTrue(midi.getMessage().startsWith("no MIDI input device Nope; available: "), midi.getMessage());
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 1);
        IllegalArgumentException knob = assertThrows(IllegalArgumentException.class,
                () -> loop(wav, new SimulatedClock(0), FrameSink.NONE, new MidiKnobs(),
                        List.of("multiply@0=cc200@ctl[1..2]")));
        assertTrue(knob.getMessage().contains("unknown controller number 200"), knob.getMessage());
        IllegalArgumentException stem = assertThrows(IllegalArgumentException.class, () -> loop(wav,
                new SimulatedClock(0), FrameSink.NONE, new MidiKnobs(), List.of("multiply@0=onset@drums[1..2]")));
        assertTrue(stem.getMessage().contains("no live form"), stem.getMessage());
    }

    @Test
    void anInputThatFailsMidSessionEndsItCleanly() throws Exception {
        Path wav = LiveFixtures.swell(temp.resolve("a.wav"), 2);
        LiveInput file = FileInput.open(wav, LiveFixtures.RATE);
        LiveInput vanishing = new LiveInput() { // a device unplugged after 1 s
            @Override public int sampleRate() { return file.sampleRate(); }

            @Override public int read(float[] buffer, double now) throws LiveInputException {
                if (now > 1.0) {
                    throw new LiveInputException("input device Test disappeared; the session ends here");
                }
                return file.read(buffer, now);
            }

            @Override public String describe() { return "test device"; }

            @Override public void close() { file.close(); }
        };
        LiveFixtures.Frames sink = new LiveFixtures.Frames();
        LiveReport report;
        try (LiveLoop live = new LiveLoop(LiveFixtures.toy(temp.resolve("cache")), SMALL, new SimulatedClock(0.001),
                vanishing, new MidiKnobs(), sink, null, "p", List.of())) {
            report = live.run();
        }
        assertEquals("input device Test disappeared; the session ends here", report.ended());
        assertEquals(10, report.rendered(), "the frames heard before it went are all there");
    }

    private static ShortMessage controlChange(int controller, int value) {
        try {
            return new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, controller, value);
        } catch (javax.sound.midi.InvalidMidiDataException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
