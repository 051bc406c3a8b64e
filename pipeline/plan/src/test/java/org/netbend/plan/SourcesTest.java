package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stems, the harmonic/percussive separation and MIDI as feature sources, on the mix's frame clock. */
class SourcesTest {
    private static final int SR = 44_100;

    @TempDir
    Path dir;

    private Path wav(String name, float[] samples) throws Exception {
        return TestAudio.write(dir.resolve(name + ".wav"), samples, SR, 1, TestAudio.Format.WAV_F32);
    }

    private static double[] clickTimes() { return TestAudio.beatTimes(120, 0.27, 3.9); }

    @Test
    void stemsAreAnalysedOnTheMixClock() throws Exception {
        float[] bass = TestAudio.sine(110, 0.4, 4, SR);
        float[] drums = TestAudio.clicks(clickTimes(), 3, SR); // shorter than the mix
        Path bassFile = wav("bass", bass);
        Path mix = wav("mix", InstrumentAudio.mixOf(bass, drums));
        AudioSources sources = AudioSources.of(mix).withStem("bass", bassFile).withStem("drums", wav("drums", drums));
        AudioAnalysis analysis = AudioAnalyzer.analyzeFully(sources, AnalysisOptions.defaults(20)
                .withFeatures(Set.of("onset@drums", "rms", "rms@bass", "rms@drums")));
        FeatureTrack track = analysis.track();
        assertEquals(List.of("rms", "rms@bass", "rms@drums", "onset@drums"), List.copyOf(track.features().keySet()));
        assertEquals(80, track.frameCount(), "the mix sets the frame count");
        // A stem's feature is the stem's own analysis, bit for bit.
        FeatureTrack alone = AudioAnalyzer.analyze(bassFile, AnalysisOptions.defaults(20).withFeatures(Set.of("rms")));
        assertArrayEquals(alone.feature("rms"), track.feature("rms@bass"));
        float[] drumOnsets = track.feature("onset@drums");
        for (double t : clickTimes()) {
            if (t < 3) {
                assertEquals(1f, drumOnsets[(int) Math.floor(t * 20)], "drum onset at " + t);
            }
        }
        for (int i = 61; i < 80; i++) {
            assertEquals(0f, track.feature("rms@drums")[i], "silence after the shorter stem ends, frame " + i);
        }
        assertTrue(analysis.onsetTimes().length == 0, "the mix's onsets were not asked for");
    }

    @Test
    void eventClocksKeepRunningAfterAShorterStemEnds() throws Exception {
        float[] bass = TestAudio.sine(110, 0.4, 4, SR);
        float[] drums = TestAudio.clicks(clickTimes(), 3, SR); // ends at 3 s, the mix at 4 s
        Path mix = wav("mix", InstrumentAudio.mixOf(bass, drums));
        AudioSources sources = AudioSources.of(mix).withStem("drums", wav("drums", drums));
        FeatureTrack track = AudioAnalyzer.analyzeFully(sources, AnalysisOptions.defaults(20)
                .withFeatures(Set.of("since_onset@drums", "since_beat@drums"))).track();
        float[] since = track.feature("since_onset@drums");
        float[] sinceBeat = track.feature("since_beat@drums");
        assertTrue(since[59] > 0f, "the last click is before frame 59");
        for (int i = 60; i < 80; i++) {
            assertEquals(since[i - 1] + 0.05f, since[i], 1e-5f, "since_onset grows by 1/fps over silence, frame " + i);
            assertTrue(sinceBeat[i] > sinceBeat[i - 1], "since_beat grows over silence, frame " + i);
        }
    }

    @Test
    void missingSourcesAreNamed() throws Exception {
        Path mix = wav("mix", TestAudio.sine(220, 0.3, 1, SR));
        IllegalArgumentException stem = assertThrows(IllegalArgumentException.class, () -> AudioAnalyzer.analyze(
                AudioSources.of(mix), AnalysisOptions.defaults(20).withFeatures(Set.of("rms@vocals"))));
        assertTrue(stem.getMessage().contains("reads stem 'vocals', but no such stem was given"), stem.getMessage());
        IllegalArgumentException midi = assertThrows(IllegalArgumentException.class, () -> AudioAnalyzer.analyze(
                AudioSources.of(mix), AnalysisOptions.defaults(20).withFeatures(Set.of("note@ch1"))));
        assertTrue(midi.getMessage().contains("no MIDI file was given"), midi.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AudioSources.of(mix).withStem("Bad Name", mix));
    }

    @Test
    void harmonicPercussiveSplitSeparatesToneFromClicksAndAddsUpToTheMix() throws Exception {
        float[] tone = TestAudio.sine(440, 0.3, 4, SR);
        float[] mixSamples = InstrumentAudio.mixOf(tone, TestAudio.clicks(clickTimes(), 4, SR));
        Path mix = wav("mix", mixSamples);
        float[] harmonic;
        float[] percussive;
        try (AudioStream h = new HarmonicPercussiveStream(AudioDecoder.open(mix, SR),
                HarmonicPercussiveStream.Part.HARMONIC)) {
            harmonic = TestAudio.readAll(h);
        }
        try (AudioStream p = new HarmonicPercussiveStream(AudioDecoder.open(mix, SR),
                HarmonicPercussiveStream.Part.PERCUSSIVE)) {
            percussive = TestAudio.readAll(p);
        }
        assertEquals(mixSamples.length, harmonic.length, "as many samples as the mix");
        assertEquals(mixSamples.length, percussive.length);
        double worst = 0;
        for (int i = 0; i < mixSamples.length; i++) {
            worst = Math.max(worst, Math.abs(harmonic[i] + percussive[i] - mixSamples[i]));
        }
        assertTrue(worst < 1e-4, "harmonic + percussive = mix, worst difference " + worst);

        FeatureTrack track = AudioAnalyzer.analyze(mix, AnalysisOptions.defaults(20)
                .withFeatures(Set.of("rms@harmonic", "rms@percussive", "onset@percussive")));
        float[] h = track.feature("rms@harmonic");
        float[] p = track.feature("rms@percussive");
        // Frames between clicks (clicks at 0.27 + k/2 s; frame 0.40..0.45 s, etc.): the tone is harmonic.
        for (int frame : new int[] {8, 18, 28, 38, 48, 58}) {
            assertEquals(0.3 / Math.sqrt(2), h[frame], 0.03, "harmonic rms at frame " + frame);
            assertTrue(p[frame] < 0.05, "percussive rms between clicks at frame " + frame + ": " + p[frame]);
        }
        for (double t : clickTimes()) {
            int frame = (int) Math.floor(t * 20);
            assertEquals(1f, track.feature("onset@percussive")[frame], "percussive onset at " + t);
            assertTrue(p[frame] > 0.05, "the click is percussive at " + t + ": " + p[frame]);
        }
    }

    @Test
    void bothPartsFromOneSeparationAreTheSameBitsAsEachPartOnItsOwn() throws Exception {
        float[] tone = TestAudio.sine(440, 0.3, 4, SR);
        Path mix = wav("mix", InstrumentAudio.mixOf(tone, TestAudio.clicks(clickTimes(), 4, SR)));
        AnalysisOptions options = AnalysisOptions.defaults(20);
        // Both parts read: one decode and one separation (HarmonicPercussiveStream.Part.BOTH).
        FeatureTrack together = AudioAnalyzer.analyze(mix, options.withFeatures(Set.of("rms@harmonic",
                "centroid@harmonic", "rms@percussive", "onset_strength@percussive")));
        // One part read: a separation of its own, as before.
        FeatureTrack harmonic = AudioAnalyzer.analyze(mix, options.withFeatures(Set.of("rms@harmonic",
                "centroid@harmonic")));
        FeatureTrack percussive = AudioAnalyzer.analyze(mix, options.withFeatures(Set.of("rms@percussive",
                "onset_strength@percussive")));
        for (String name : List.of("rms@harmonic", "centroid@harmonic")) {
            assertArrayEquals(harmonic.feature(name), together.feature(name), name);
        }
        for (String name : List.of("rms@percussive", "onset_strength@percussive")) {
            assertArrayEquals(percussive.feature(name), together.feature(name), name);
        }
        float[] h = together.feature("rms@harmonic");
        assertTrue(h[8] > 0.1 && together.feature("rms@percussive")[8] < 0.05, "the split separates: " + h[8]);
    }

    @Test
    void midiChannelsGiveNotesVelocitiesCountsAndControllers() throws Exception {
        // PPQ 480 at 120 BPM: 960 ticks a second. Channel 1 (index 0): C4 from 0.1 to 0.5 s (velocity 90), E4 and
        // G4 from 0.3 to 0.6 s (velocity 60); CC7 = 100 at 0.2 s, 40 at 0.55 s. Channel 2: one note, ignored here.
        Sequence sequence = new Sequence(Sequence.PPQ, 480);
        Track track = sequence.createTrack();
        track.add(new MidiEvent(new MetaMessage(0x51, new byte[] {0x07, (byte) 0xA1, 0x20}, 3), 0)); // 500000 µs
        note(track, 0, 60, 90, 0.1, 0.5);
        note(track, 0, 64, 60, 0.3, 0.6);
        note(track, 0, 67, 60, 0.3, 0.6);
        note(track, 1, 72, 100, 0.0, 0.9);
        track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, 7, 100), 192));
        track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, 7, 40), 528));
        Path midi = dir.resolve("piece.mid");
        MidiSystem.write(sequence, 1, midi.toFile());
        Path mix = wav("mix", TestAudio.sine(220, 0.3, 1, SR));
        FeatureTrack features = AudioAnalyzer.analyze(AudioSources.of(mix).withMidi(midi), new AnalysisOptions(10, SR,
                Window.paper(), Set.of("note@ch1", "velocity@ch1", "notes@ch1", "cc7@ch1", "note@ch2")));
        // frames of 0.1 s: [0,.1) [.1,.2) [.2,.3) [.3,.4) [.4,.5) [.5,.6) [.6,.7) ...
        assertArrayEquals(new float[] {0, 60, 60, 67, 67, 67, 0, 0, 0, 0}, features.feature("note@ch1"));
        assertArrayEquals(new float[] {0, 1, 1, 3, 3, 2, 0, 0, 0, 0}, features.feature("notes@ch1"));
        assertArrayEquals(new float[] {0, 90, 90, 60, 60, 60, 0, 0, 0, 0}, features.feature("velocity@ch1"));
        assertArrayEquals(new float[] {0, 0, 100, 100, 100, 40, 40, 40, 40, 40}, features.feature("cc7@ch1"));
        assertArrayEquals(new float[] {72, 72, 72, 72, 72, 72, 72, 72, 72, 0}, features.feature("note@ch2"));
    }

    private static void note(Track track, int channel, int key, int velocity, double on, double off)
            throws Exception {
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, channel, key, velocity), Math.round(on * 960)));
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, channel, key, 0), Math.round(off * 960)));
    }

    @Test
    void notAMidiFileIsOneClearLine() throws Exception {
        Path mix = wav("mix", TestAudio.sine(220, 0.3, 1, SR));
        AudioException e = assertThrows(AudioException.class, () -> AudioAnalyzer.analyze(
                AudioSources.of(mix).withMidi(mix), AnalysisOptions.defaults(20).withFeatures(Set.of("note@ch1"))));
        assertTrue(e.getMessage().contains("not a readable MIDI file"), e.getMessage());
    }
}
