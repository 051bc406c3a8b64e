package org.netbend.plan;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Real instrument audio for the onset and beat tests: a MIDI file written here (so every note time is known
 * exactly) rendered by fluidsynth with the FluidR3 General MIDI soundfont (Debian packages {@code fluidsynth}
 * and {@code fluid-soundfont-gm}; {@code .ci/run} installs them).
 */
final class InstrumentAudio {
    static final Path SOUNDFONT = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
    static final int SR = 44_100;
    /** One tick is one millisecond: 1000 ticks per quarter at 60 BPM. */
    private static final int TICKS_PER_QUARTER = 1000;
    static final int DRUM_CHANNEL = 9;

    private InstrumentAudio() { }

    /** One note: start time and length in seconds, MIDI channel 0..15, key and velocity 1..127. */
    record Note(double time, int channel, int key, int velocity, double length) { }

    /** A piece: its notes and the times of its beats (quarter notes). */
    record Piece(List<Note> notes, double[] beats) {
        /** The distinct note-on times, chords (notes within 20 ms) counted once. */
        double[] onsets() {
            double[] starts = notes.stream().mapToDouble(Note::time).sorted().toArray();
            List<Double> distinct = new ArrayList<>();
            for (double t : starts) {
                if (distinct.isEmpty() || t - distinct.get(distinct.size() - 1) > 0.02) {
                    distinct.add(t);
                }
            }
            return distinct.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double seconds() {
            return notes.stream().mapToDouble(n -> n.time() + n.length()).max().orElse(0) + 1.5;
        }

        Piece plus(Piece other) {
            List<Note> all = new ArrayList<>(notes);
            all.addAll(other.notes);
            all.sort(Comparator.comparingDouble(Note::time));
            return new Piece(all, beats);
        }
    }

    /**
     * Solo piano at {@code bpm} from {@code start} for {@code beats} beats: a melody of quarters and pairs of
     * eighths in C major over two octaves, velocities 30..110, and a left-hand chord on every other beat.
     */
    static Piece piano(double bpm, double start, int beats, long seed) {
        double beat = 60 / bpm;
        double[] beatTimes = new double[beats];
        for (int b = 0; b < beats; b++) {
            beatTimes[b] = start + b * beat;
        }
        return piano(beatTimes, seed);
    }

    /** The same piano part over any beat times (a tempo that changes); a beat lasts until the next one. */
    static Piece piano(double[] beatTimes, long seed) {
        Random random = new Random(seed);
        int[] scale = {0, 2, 4, 5, 7, 9, 11};
        List<Note> notes = new ArrayList<>();
        int beats = beatTimes.length;
        for (int b = 0; b < beats; b++) {
            double t = beatTimes[b];
            double beat = b + 1 < beats ? beatTimes[b + 1] - t : beats > 1 ? t - beatTimes[b - 1] : 0.6;
            boolean eighths = random.nextInt(3) == 0;
            int parts = eighths ? 2 : 1;
            for (int p = 0; p < parts; p++) {
                int degree = random.nextInt(14);
                int key = 60 + 12 * (degree / 7) + scale[degree % 7];
                notes.add(new Note(t + p * beat / parts, 0, key, 30 + random.nextInt(81), beat / parts * 0.95));
            }
            if (b % 2 == 0) {
                int root = 48 + scale[random.nextInt(7)];
                for (int interval : new int[] {0, 4, 7}) {
                    notes.add(new Note(t, 0, root + interval - 12, 40 + random.nextInt(50), beat * 1.9));
                }
            }
        }
        notes.sort(Comparator.comparingDouble(Note::time));
        return new Piece(notes, beatTimes.clone());
    }

    /** Beat times of a tempo held at {@code from} BPM, then slowing linearly (per beat) to {@code to}, then held. */
    static double[] ritardando(double start, double from, double to, int before, int slowing, int after) {
        double[] times = new double[before + slowing + after];
        double t = start;
        for (int b = 0; b < times.length; b++) {
            times[b] = t;
            double progress = Math.min(1, Math.max(0, (b - before + 1) / (double) slowing));
            t += 60 / (from + (to - from) * progress);
        }
        return times;
    }

    /** Channel of the legato strings (String Ensemble 1, slow bow attacks). */
    static final int STRINGS_CHANNEL = 1;
    static final int BASS_CHANNEL = 2;
    static final int PAD_CHANNEL = 3;
    /** General MIDI programs of channels 0..3: piano, string ensemble 1, fingered bass, warm pad. */
    private static final int[] PROGRAMS = {0, 48, 33, 89};

    /**
     * A legato string line: one note per beat or per two beats, each held until the next begins (and 60 ms
     * over it, as a bow change overlaps), keys 55..79 of C major, velocities 50..95.
     */
    static Piece strings(double bpm, double start, int beats, long seed) {
        Random random = new Random(seed);
        int[] scale = {0, 2, 4, 5, 7, 9, 11};
        double beat = 60 / bpm;
        List<Note> notes = new ArrayList<>();
        double[] beatTimes = new double[beats];
        for (int b = 0; b < beats; b++) {
            beatTimes[b] = start + b * beat;
        }
        int previous = -1;
        for (int b = 0; b < beats; ) {
            int span = Math.min(beats - b, random.nextInt(3) == 0 ? 2 : 1);
            int key;
            do {
                int degree = random.nextInt(14);
                key = 55 + 12 * (degree / 7) + scale[degree % 7];
            } while (key == previous);
            previous = key;
            notes.add(new Note(beatTimes[b], STRINGS_CHANNEL, key, 50 + random.nextInt(46), span * beat + 0.06));
            b += span;
        }
        return new Piece(notes, beatTimes);
    }

    /**
     * A four-part band at {@code bpm}: the rock beat, a bass on every beat (root, fifth), the piano part and a
     * pad chord every four beats; after the last beat a final chord on piano and pad rings for three seconds and
     * decays (the release tail must not read as new notes).
     */
    static Piece band(double bpm, double start, int beats, long seed) {
        Random random = new Random(seed);
        double beat = 60 / bpm;
        Piece piano = piano(bpm, start, beats, seed);
        Piece drums = drums(bpm, start, beats);
        List<Note> notes = new ArrayList<>(piano.notes());
        notes.addAll(drums.notes());
        int[] roots = {36, 41, 43, 45};
        for (int b = 0; b < beats; b++) {
            double t = start + b * beat;
            int root = roots[(b / 4) % roots.length];
            notes.add(new Note(t, BASS_CHANNEL, b % 2 == 0 ? root : root + 7, 70 + random.nextInt(30), beat * 0.9));
            if (b % 4 == 0) {
                for (int interval : new int[] {12, 16, 19}) {
                    notes.add(new Note(t, PAD_CHANNEL, root + interval + 12, 60, 4 * beat * 0.98));
                }
            }
        }
        double end = start + beats * beat;
        for (int key : new int[] {48, 52, 55, 60}) {
            notes.add(new Note(end, 0, key, 80, 3.0));
            notes.add(new Note(end, PAD_CHANNEL, key + 12, 70, 3.0));
        }
        notes.add(new Note(end, BASS_CHANNEL, 36, 90, 3.0));
        notes.sort(Comparator.comparingDouble(Note::time));
        return new Piece(notes, drums.beats());
    }

    /**
     * Adds {@link InstrumentOnsetTest}'s three pieces, rendered: piano at 100 BPM, drums at 120, and their mix
     * (the piano with the drums at 100 BPM), under the names piano, drums and mix.
     */
    static void pianoDrumsAndMix(Path dir, Map<String, Piece> pieces, Map<String, float[]> audio) throws Exception {
        Piece piano = piano(100, 0.5, 36, 5);
        Piece drums = drums(120, 0.5, 36);
        Piece mixDrums = drums(100, 0.5, 36);
        pieces.put("piano", piano);
        pieces.put("drums", drums);
        pieces.put("mix", piano.plus(mixDrums));
        float[] pianoAudio = render(piano, dir, "piano");
        audio.put("piano", pianoAudio);
        audio.put("drums", render(drums, dir, "drums"));
        audio.put("mix", scaleToPeak(mixOf(pianoAudio, render(mixDrums, dir, "mixdrums")), 1.0));
    }

    /** A rock beat at {@code bpm}: kick on 1 and 3, snare on 2 and 4, closed hi-hat on every eighth. */
    static Piece drums(double bpm, double start, int beats) {
        double beat = 60 / bpm;
        List<Note> notes = new ArrayList<>();
        double[] beatTimes = new double[beats];
        for (int b = 0; b < beats; b++) {
            double t = start + b * beat;
            beatTimes[b] = t;
            notes.add(new Note(t, DRUM_CHANNEL, b % 2 == 0 ? 36 : 38, 100, 0.1));
            notes.add(new Note(t, DRUM_CHANNEL, 42, 70, 0.05));
            notes.add(new Note(t + beat / 2, DRUM_CHANNEL, 42, 55, 0.05));
        }
        notes.sort(Comparator.comparingDouble(Note::time));
        return new Piece(notes, beatTimes);
    }

    /** The index of the first beat at the new tempo in {@link #pianoTempoChange}. */
    static final int CHANGE_BEAT = 20;

    /** Piano at 100 BPM for 20 beats (12.5 s), then 28 beats at 140 BPM, beats continuing without a gap. */
    static Piece pianoTempoChange() {
        Piece slow = piano(100, 0.5, CHANGE_BEAT, 11);
        double next = slow.beats()[slow.beats().length - 1] + 0.6;
        Piece fast = piano(140, next, 28, 12);
        List<Note> notes = new ArrayList<>(slow.notes());
        notes.addAll(fast.notes());
        double[] beats = new double[slow.beats().length + fast.beats().length];
        System.arraycopy(slow.beats(), 0, beats, 0, slow.beats().length);
        System.arraycopy(fast.beats(), 0, beats, slow.beats().length, fast.beats().length);
        return new Piece(notes, beats);
    }

    /** Writes a format-1 MIDI file: channels 0..3 as {@link #PROGRAMS} says, drums on channel 9. */
    static Path writeMidi(Piece piece, Path file) throws Exception {
        Sequence sequence = new Sequence(Sequence.PPQ, TICKS_PER_QUARTER);
        Track track = sequence.createTrack();
        byte[] tempo = {0x0F, 0x42, 0x40}; // 1,000,000 µs per quarter: 60 BPM, 1 tick = 1 ms
        track.add(new MidiEvent(new MetaMessage(0x51, tempo, 3), 0));
        for (int channel = 0; channel < PROGRAMS.length; channel++) {
            track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, PROGRAMS[channel], 0), 0));
        }
        for (Note note : piece.notes()) {
            long on = Math.round(note.time() * 1000);
            long off = Math.round((note.time() + note.length()) * 1000);
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, note.channel(), note.key(),
                    note.velocity()), on));
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, note.channel(), note.key(), 0), off));
        }
        // a marker 1.5 s after the last note-off keeps fluidsynth rendering while the releases ring out
        byte[] text = "end".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        track.add(new MidiEvent(new MetaMessage(0x06, text, text.length), Math.round(piece.seconds() * 1000)));
        MidiSystem.write(sequence, 1, file.toFile());
        return file;
    }

    /** Renders the piece with fluidsynth to a 44.1 kHz wav and returns its samples as mono, peak 1.0. */
    static float[] render(Piece piece, Path dir, String name) throws Exception {
        if (!Files.isRegularFile(SOUNDFONT) || !Files.isExecutable(Path.of("/usr/bin/fluidsynth"))) {
            fail("real-instrument tests need fluidsynth and " + SOUNDFONT
                    + ": install the Debian packages fluidsynth and fluid-soundfont-gm");
        }
        Path midi = writeMidi(piece, dir.resolve(name + ".mid"));
        Path wav = dir.resolve(name + "-fluidsynth.wav");
        Process process = new ProcessBuilder("/usr/bin/fluidsynth", "-ni", "-q", "-C", "0", "-g", "0.5",
                "-r", String.valueOf(SR), "-T", "wav", "-F", wav.toString(), SOUNDFONT.toString(), midi.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + "-fluidsynth.log").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("fluidsynth did not finish rendering " + midi + " within 120 s");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(wav)) {
            fail("fluidsynth failed on " + midi + ": " + Files.readString(dir.resolve(name + "-fluidsynth.log")));
        }
        float[] samples;
        try (AudioStream stream = AudioDecoder.open(wav, SR)) {
            samples = TestAudio.readAll(stream);
        }
        return scaleToPeak(samples, 1.0);
    }

    static float[] scaleToPeak(float[] samples, double peak) {
        double max = 0;
        for (float x : samples) {
            max = Math.max(max, Math.abs(x));
        }
        float[] out = Arrays.copyOf(samples, samples.length);
        if (max > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (out[i] * peak / max);
            }
        }
        return out;
    }

    /** A 32-bit float wav with the peak at {@code db} relative to full scale (+10 dB peaks at 3.16). */
    static Path atLevel(float[] peakOne, double db, Path file) throws Exception {
        return TestAudio.write(file, scaleToPeak(peakOne, Math.pow(10, db / 20)), SR, 1, TestAudio.Format.WAV_F32);
    }

    /**
     * A 32-bit float wav of the music at {@code db} above full scale, hard-clipped at ±1 as a 16-bit or
     * integer master would be: returns the fraction of samples clipped through {@code clipped[0]}.
     */
    static Path clippedAt(float[] peakOne, double db, Path file, double[] clipped) throws Exception {
        float[] loud = scaleToPeak(peakOne, Math.pow(10, db / 20));
        int count = 0;
        for (int i = 0; i < loud.length; i++) {
            if (Math.abs(loud[i]) > 1) {
                loud[i] = Math.copySign(1f, loud[i]);
                count++;
            }
        }
        clipped[0] = count / (double) loud.length;
        return TestAudio.write(file, loud, SR, 1, TestAudio.Format.WAV_F32);
    }

    static float[] mixOf(float[] a, float[] b) {
        float[] out = new float[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
        }
        return out;
    }

    /** Onsets, beats and the given features of a wav at the tests' rate, 20 fps; the wav is deleted after. */
    static AudioAnalysis analyseAndDelete(Path wav, java.util.Set<String> features) throws Exception {
        try {
            return AudioAnalyzer.analyzeFully(wav, new AnalysisOptions(20, SR, Window.paper(), features));
        } finally {
            deleteQuietly(wav);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp folder: JUnit removes it anyway
        }
    }
}
