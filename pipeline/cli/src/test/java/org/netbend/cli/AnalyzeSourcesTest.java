package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

/** analyze --stem NAME=FILE, --midi FILE and --sensitivity: the sourced features land in features.json. */
class AnalyzeSourcesTest {
    @TempDir Path temp;

    @Test
    void stemAndMidiFeaturesAreWrittenAndPlotted() throws Exception {
        Path audio = TestAudio.silenceBurstSilence(temp.resolve("a.wav"), 0.2, 0.3, 0.5);
        Path stem = TestAudio.silenceBurstSilence(temp.resolve("drums.wav"), 0.1, 0.2, 0.2);
        Sequence sequence = new Sequence(Sequence.PPQ, 480); // 120 BPM by default: 960 ticks a second
        Track track = sequence.createTrack();
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 2, 64, 80), 96));
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 2, 64, 0), 480));
        Path midi = temp.resolve("piece.mid");
        MidiSystem.write(sequence, 0, midi.toFile());
        Path json = temp.resolve("f.json");
        Path png = temp.resolve("f.png");
        CliRun run = CliRun.of("analyze", audio.toString(), "-o", json.toString(), "--plot", png.toString(),
                "--stem", "drums=" + stem, "--midi", midi.toString(), "--sensitivity", "0.7",
                "--bend", "add@40=centroid@percussive[0..2]");
        assertEquals(0, run.exitCode(), run.err());
        FeatureTrack features = FeatureTrackIo.readJson(json);
        assertTrue(features.has("rms@drums") && features.has("onset@drums"), "stem overview");
        assertTrue(features.has("centroid@percussive"), "what the bend reads");
        float[] note = features.feature("note@ch3");
        assertEquals(0f, note[0], "frame 0 (0..50 ms) before the note at 100 ms");
        assertEquals(64f, note[3], "E4 sounds at 150..200 ms");
        assertEquals(0f, note[12], "released at 500 ms");
        assertTrue(Files.size(png) > 10_000);
    }

    @Test
    void badStemArgumentsAreOneLine() {
        Path audio = temp.resolve("x.wav");
        for (String[] bad : new String[][] {{"--stem", "drums"}, {"--stem", "Drums=x.wav"},
                {"--stem", "drums=" + temp.resolve("missing.wav")}, {"--midi", temp.resolve("no.mid").toString()},
                {"--sensitivity", "2"}}) {
            try {
                TestAudio.silenceBurstSilence(audio, 0.1, 0.1, 0.1);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            String[] args = new String[4 + bad.length];
            args[0] = "analyze";
            args[1] = audio.toString();
            args[2] = "-o";
            args[3] = temp.resolve("o.json").toString();
            System.arraycopy(bad, 0, args, 4, bad.length);
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", bad) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
    }
}
