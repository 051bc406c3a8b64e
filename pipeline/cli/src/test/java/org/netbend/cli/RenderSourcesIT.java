package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.farm.TestAudio;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;

/**
 * render --stem and --midi end to end on a MiniCluster: a bend on a stem acts only where the stem plays, a bend
 * on a MIDI channel only while its note sounds, and every other frame is bit-identical to the unbent render.
 */
class RenderSourcesIT {
    @TempDir Path temp;

    @Test
    void aStemAndAMidiChannelBendOnlyTheFramesWhereTheyPlay() throws Exception {
        // 2 s at 20 fps, 40 frames. The mix plays throughout; the drum stem only from 0.5 to 1.0 s (frames
        // 10..19); the MIDI note on channel 1 sounds from 1.5 to 1.75 s (frames 30..34).
        Path mix = RenderedJobs.tone(temp.resolve("song.wav"), 2);
        Path drums = TestAudio.silenceBurstSilence(temp.resolve("drums.wav"), 0.5, 0.5, 1.0);
        Path midi = midi(temp.resolve("piece.mid"), 1.5, 1.75);
        Path store = temp.resolve("store");

        List<String> common = List.of("-p", "3D mesh geometry", "--size", "64x64", "--steps", "10",
                "--store", store.toString(), "--cache", temp.resolve("cache").toString(), "--segment-length", "20");
        String plain = render(mix, common, "plain.mp4");
        List<String> bent = new ArrayList<>(common);
        bent.addAll(List.of("--stem", "drums=" + drums, "--midi", midi.toString(),
                "--bend", "multiply@5=rms@drums[1..1.5]", "--bend", "multiply@6=velocity@ch1[1..1.5]"));
        String sourced = render(mix, bent, "sourced.mp4");
        assertNotEquals(plain, sourced);

        Path plainFrames = store.resolve("jobs").resolve(plain).resolve("frames");
        Path sourcedFrames = store.resolve("jobs").resolve(sourced).resolve("frames");
        for (int frame = 0; frame < 40; frame++) {
            boolean stemPlays = frame >= 11 && frame <= 18;
            boolean noteSounds = frame >= 31 && frame <= 33;
            boolean quiet = frame <= 8 || frame >= 21 && frame <= 28 || frame >= 36;
            byte[] a = Files.readAllBytes(plainFrames.resolve(String.format("%06d.png", frame)));
            byte[] b = Files.readAllBytes(sourcedFrames.resolve(String.format("%06d.png", frame)));
            if (stemPlays || noteSounds) {
                assertFalse(Arrays.equals(a, b), "frame " + frame + " is bent");
            } else if (quiet) {
                assertArrayEquals(a, b, "frame " + frame + ": the stem is silent and no note sounds");
            }
        }
        FeatureTrack features = FeatureTrackIo.readJson(store.resolve("jobs").resolve(sourced).resolve("features.json"));
        float[] stemRms = features.feature("rms@drums");
        assertEquals(0f, stemRms[5]);
        assertTrue(stemRms[15] > 0.1f, "the stem's level where it plays: " + stemRms[15]);
        assertEquals(100f, features.feature("velocity@ch1")[32]);
        assertTrue(Files.size(store.resolve("jobs").resolve(sourced).resolve("features.png")) > 10_000);
        assertEquals(2, count(store.resolve("audio")), "the mix and the stem are in the store, once each");
        assertEquals(1, count(store.resolve("midi")), "the MIDI file is in the store");
    }

    private static long count(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.count();
        }
    }

    /** Renders and returns the job id it printed. */
    private String render(Path audio, List<String> options, String output) {
        return RenderedJobs.render(temp, audio, options, output);
    }

    /** One note (E4, velocity 100) on MIDI channel 1 from {@code on} to {@code off} seconds, at 960 ticks a second. */
    static Path midi(Path file, double on, double off) throws Exception {
        Sequence sequence = new Sequence(Sequence.PPQ, 480); // 120 BPM by default
        Track track = sequence.createTrack();
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 64, 100), Math.round(on * 960)));
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, 64, 0), Math.round(off * 960)));
        MidiSystem.write(sequence, 0, file.toFile());
        return file;
    }
}
