package org.netbend.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio pushed from a page is the session's input and clock: frame n renders once its audio has arrived. */
class PushedAudioTest {
    private static final LiveSettings SMALL = LiveSettings.defaults().withSize(64, 64).withFps(10);
    private static final int TENTH = LiveFixtures.RATE / 10;

    @TempDir Path temp;

    /** 220 Hz whose amplitude rises from 0.02 to 0.9 over 3 s: sample k of it. */
    private static float rising(int k) {
        int n = 3 * LiveFixtures.RATE;
        return (float) ((0.02 + 0.88 * k / n) * Math.sin(2 * Math.PI * 220 * k / LiveFixtures.RATE));
    }

    private static void pushTenth(PushedAudio audio, int tenth) {
        float[] chunk = new float[TENTH];
        for (int i = 0; i < TENTH; i++) {
            chunk[i] = rising(tenth * TENTH + i);
        }
        audio.push(chunk, TENTH);
    }

    @Test
    void framesRenderAsTheirAudioArrivesAndFollowIt() throws Exception {
        PushedAudio audio = new PushedAudio(LiveFixtures.RATE, "pushed");
        int[] pushed = {1};
        pushTenth(audio, 0);
        LiveFixtures.Frames sink = new LiveFixtures.Frames(frame -> {
            if (pushed[0] < 30) {
                pushTenth(audio, pushed[0]++); // the next tenth of a second arrives after each frame
            } else {
                audio.stop();
            }
        });
        LiveReport report;
        try (LiveLoop live = new LiveLoop(LiveFixtures.toy(temp.resolve("cache")), SMALL, audio, audio,
                new MidiKnobs(), sink, null, "p", List.of("add@0=rms[0..2]|input(0,1)"))) {
            report = live.run();
        }
        assertEquals(30, sink.frames.size(), report.summary());
        for (int i = 0; i < 30; i++) {
            assertEquals(i, sink.frames.get(i).index(), "every frame once its audio is in, none skipped");
        }
        double first = sink.frames.get(0).params()[0][0];
        double last = sink.frames.get(29).params()[0][0];
        assertTrue(first < 0.1 && last > 1.0, "2·rms rises with the tone: " + first + " -> " + last);
        assertEquals(3.0, audio.now(), 1e-9, "the clock is the audio received");
    }

    @Test
    void audioPushedInRealTimeFromAnotherThreadIsRenderedInOrder() throws Exception {
        PushedAudio audio = new PushedAudio(LiveFixtures.RATE, "pushed");
        LiveFixtures.Frames sink = new LiveFixtures.Frames();
        try (LiveLoop live = new LiveLoop(LiveFixtures.toy(temp.resolve("cache")), SMALL, audio, audio,
                new MidiKnobs(), sink, null, "p", List.of("add@0=rms[0..2]|input(0,1)"))) {
            Thread pusher = new Thread(() -> {
                try {
                    Thread.sleep(500); // the loop is waiting for audio
                    for (int from = 0; from < 3 * LiveFixtures.RATE; from += 2048) {
                        float[] chunk = new float[2048];
                        for (int i = 0; i < 2048; i++) {
                            chunk[i] = rising(from + i);
                        }
                        audio.push(chunk, 2048);
                        Thread.sleep(20);
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                live.stop();
            });
            pusher.start();
            live.run();
            pusher.join();
        }
        assertTrue(sink.frames.size() >= 5, sink.frames.size() + " frames");
        for (int i = 1; i < sink.frames.size(); i++) {
            assertTrue(sink.frames.get(i).index() > sink.frames.get(i - 1).index(), "in order, none twice");
        }
        double first = sink.frames.get(0).params()[0][0];
        double last = sink.frames.get(sink.frames.size() - 1).params()[0][0];
        assertTrue(last > first + 0.5, "2·rms rises with the tone: " + first + " -> " + last);
    }

    @Test
    void stopWakesALoopWaitingForAudioAndEndsTheInput() throws Exception {
        PushedAudio audio = new PushedAudio(LiveFixtures.RATE, "pushed");
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            audio.stop();
        });
        stopper.start();
        audio.sleepUntil(10); // nothing arrives: returns because of stop, not after 10 s of audio
        stopper.join(10_000);
        assertEquals(-1, audio.read(new float[16], 0), "a stopped input with nothing left has ended");
    }

    @Test
    void pushedSamplesAreClippedAndNaNIsSilence() {
        PushedAudio audio = new PushedAudio(LiveFixtures.RATE, "pushed");
        audio.push(new float[] {2f, -3f, Float.NaN, 0.5f}, 4);
        float[] out = new float[8];
        assertEquals(4, audio.read(out, 0));
        assertEquals(1f, out[0]);
        assertEquals(-1f, out[1]);
        assertEquals(0f, out[2]);
        assertEquals(0.5f, out[3]);
        assertEquals(0, audio.read(out, 0), "nothing new yet");
    }
}
