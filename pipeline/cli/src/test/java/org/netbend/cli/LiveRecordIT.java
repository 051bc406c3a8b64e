package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.bend.BendParser;
import org.netbend.farm.TestAudio;
import org.netbend.job.JobRequest;
import org.netbend.live.FileInput;
import org.netbend.live.LiveFrame;
import org.netbend.live.LiveLoop;
import org.netbend.live.LiveSettings;
import org.netbend.live.MidiKnobs;
import org.netbend.live.SessionRecorder;
import org.netbend.live.SimulatedClock;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.plan.ParameterTracks;
import org.netbend.render.DownloadListener;
import org.netbend.render.ModelResolver;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.StableDiffusion;
import org.netbend.render.toy.ToyModelSpec;

/**
 * Record a live session (scripted knob moves, a prompt crossfade, a bend added mid-session, late frames skipped)
 * over a file on a simulated clock, render its session.yaml with `render` on a MiniCluster, and check that the
 * offline parameter tracks (features.json) equal the recorded values at every frame time.
 */
class LiveRecordIT {
    @TempDir Path temp;

    @Test
    void aRecordedSessionRendersOfflineWithTheSameParameters() throws Exception {
        float[] samples = new float[3 * TestAudio.RATE];
        for (int i = 0; i < samples.length; i++) { // loudness rises and falls twice
            double amplitude = 0.05 + 0.6 * Math.abs(Math.sin(Math.PI * i / (1.5 * TestAudio.RATE)));
            samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * 330 * i / TestAudio.RATE));
        }
        Path wav = TestAudio.writeWav(temp.resolve("song.wav"), samples);
        Path take = temp.resolve("take");
        LiveSettings settings = LiveSettings.defaults().withSize(64, 64).withFps(10).withFadeFrames(5);
        MidiKnobs knobs = new MidiKnobs();
        List<LiveFrame> frames = new ArrayList<>();
        LiveLoop[] self = new LiveLoop[1];
        Script script = new Script();
        Path cache = temp.resolve("cache");
        StableDiffusion model = StableDiffusion.open(new ModelResolver(cache.resolve("models"), DownloadListener.SILENT)
                .toy(ToyModelSpec.DEFAULT), RuntimeOptions.cpu().withThreads(1));
        // 0.15 s per frame at 10 fps: every other frame or so is late and skipped.
        try (SessionRecorder recorder = new SessionRecorder(take, settings, TestAudio.RATE);
                LiveLoop live = new LiveLoop(model, settings, new SimulatedClock(0.15), FileInput.open(wav, TestAudio.RATE),
                        knobs, frame -> {
                            frames.add(frame);
                            script.play(self[0], knobs, frame.index());
                        }, recorder, "3D mesh geometry",
                        List.of("rotate-r1@0=rms[0..2pi]", "multiply@0=cc7@ctl[1..1.5]|input(0,127)"))) {
            self[0] = live;
            live.run();
        }
        assertTrue(frames.size() < 30, "some frames were skipped: " + frames.size());

        String jobId = RenderedJobs.render(temp, take.resolve("input.wav"), List.of("--job",
                take.resolve("session.yaml").toString(), "--store", temp.resolve("store").toString(), "--cache",
                cache.toString()), "take.mp4");
        Path job = temp.resolve("store").resolve("jobs").resolve(jobId);
        FeatureTrack features = FeatureTrackIo.readJson(job.resolve("features.json"));
        assertEquals(30, features.frameCount(), "the recording is as long as the file");
        JobRequest request = JobRequest.fromJson(Files.readString(job.resolve("request.json")));
        List<String> bends = request.bends();
        assertEquals(3, bends.size(), "the two bends of the start and the one added: " + bends);

        // Per bend id: the recorded value of every session frame (a skipped frame holds the last rendered one).
        Map<Integer, double[]> recorded = new HashMap<>();
        Map<Integer, Integer> firstFrame = new HashMap<>();
        for (int id = 0; id < 3; id++) {
            double[] values = new double[30];
            Double held = null;
            int next = 0;
            for (int n = 0; n < 30; n++) {
                while (next < frames.size() && frames.get(next).index() <= n) {
                    LiveFrame f = frames.get(next++);
                    for (int b = 0; b < f.bendIds().length; b++) {
                        if (f.bendIds()[b] == id) {
                            held = f.params()[b][0];
                            firstFrame.putIfAbsent(id, f.index());
                        }
                    }
                }
                values[n] = held == null ? Double.NaN : held;
            }
            recorded.put(id, values);
        }
        for (int id = 0; id < 3; id++) {
            String source = bends.get(id).substring(bends.get(id).indexOf('=') + 1);
            double[] offline = ParameterTracks.compute(features, BendParser.parse(bends.get(id)).sources().get(0));
            float[] lane = features.feature("lane:bend" + id);
            for (int n = firstFrame.get(id); n < 30; n++) {
                double want = recorded.get(id)[n];
                assertEquals((float) want, lane[n], "lane:bend" + id + " in features.json at frame " + n);
                // Lanes are floats in PLAN: the value comes back to float precision (1e-6 of the range's span).
                assertEquals(want, offline[n], 1e-6 * 2 * Math.PI, "bend " + id + " (" + source + ") at frame " + n);
            }
        }
        // The bend added mid-session: offline it is the identity (add 0) until the frame it went live.
        double[] added = ParameterTracks.compute(features, BendParser.parse(bends.get(2)).sources().get(0));
        assertTrue(firstFrame.get(2) > 0, "bend 2 was added mid-session");
        for (int n = 0; n < firstFrame.get(2); n++) {
            assertEquals(0.0, added[n], 1e-9, "bend 2 before it was added, at frame " + n);
        }
        assertTrue(Files.readString(take.resolve("session.yaml")).matches("(?s).*\\naudio: \"?input\\.wav\"?\\n.*"),
                "the job file names its audio, so `render --job` needs no AUDIO");
        assertEquals(1.0, recorded.get(1)[3], 1e-12, "knob 7 at rest before frame 5");
        assertEquals(1.5, recorded.get(1)[29], 1e-12, "knob 7 fully up at the end");
        float[] knob = features.feature("lane:cc7");
        assertEquals(127f, knob[29], "the knob itself is a lane too");
        List<org.netbend.job.PromptCue> cues = request.prompts();
        assertEquals(3, cues.size(), "the first prompt, held until the change, then the new one: " + cues);
        assertEquals("3D mesh geometry", cues.get(1).text());
        assertEquals("a forest of glass", cues.get(2).text());
        assertEquals(0.5, cues.get(2).at() - cues.get(1).at(), 1e-9, "a crossfade over 5 frames at 10 fps");
        assertTrue(cues.get(1).at() >= 1.0, "it starts at the frame after the request: " + cues);
    }

    /** The performance: knob 7 to 64 after frame 4 and to 127 after frame 12, a prompt change, a bend added. */
    private static final class Script {
        private boolean prompted;

        void play(LiveLoop live, MidiKnobs knobs, int frame) {
            try {
                if (frame >= 4 && knobs.value(7) == 0) {
                    knobs.send(new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, 7, 64), -1);
                } else if (frame >= 12 && knobs.value(7) == 64) {
                    knobs.send(new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, 7, 127), -1);
                }
            } catch (javax.sound.midi.InvalidMidiDataException e) {
                throw new IllegalStateException(e);
            }
            if (frame >= 9 && live.bends().size() == 2 && !prompted) {
                prompted = true;
                live.changePrompt("a forest of glass", 5);
            }
            if (frame >= 15 && live.bends().size() == 2) {
                assertTrue(live.addBend("add@0=centroid[0..0.5]").accepted());
            }
        }
    }
}
