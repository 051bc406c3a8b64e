package org.netbend.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.netbend.core.FeatureNames;

/**
 * Per-frame features of a Standard MIDI File (read with javax.sound.midi), on the audio's frame clock. Frame i
 * covers [s_i, e_i) seconds. A note sounds in frame i when its note-on is before e_i and its note-off after s_i
 * (a note-on of velocity 0 is a note-off; a note never released sounds to the end). For channel N (1..16):
 * <ul>
 *   <li>{@code note@chN}: the highest key (0..127) sounding in the frame, 0 when none;</li>
 *   <li>{@code notes@chN}: how many notes sound in the frame;</li>
 *   <li>{@code velocity@chN}: the velocity (1..127) of the last note-on before e_i while a note sounds in the
 *       frame, 0 when none sounds (shape a decay with the {@code envelope} modifier);</li>
 *   <li>{@code ccK@chN}: the value (0..127) of the last controller-K event before e_i, 0 before the first.</li>
 * </ul>
 * Ticks become seconds through the file's tempo map (every set-tempo event of every track; 120 BPM until the
 * first) for PPQ files, or directly for SMPTE files.
 */
final class MidiFeatures {
    private MidiFeatures() { }

    /** A note: on and off in seconds, channel 1..16, key, velocity. */
    record Note(double on, double off, int channel, int key, int velocity) { }

    /** A controller change: time in seconds, channel 1..16, controller number, value. */
    record Control(double time, int channel, int controller, int value) { }

    /** The notes and controller changes of a file. */
    record Events(List<Note> notes, List<Control> controls) { }

    static Events read(Path file) throws AudioException {
        if (!Files.isRegularFile(file)) {
            throw AudioException.of(file, Files.isDirectory(file) ? "is a directory, not a MIDI file"
                    : "file not found");
        }
        Sequence sequence;
        try {
            sequence = MidiSystem.getSequence(file.toFile());
        } catch (InvalidMidiDataException | IOException e) {
            throw AudioException.of(file, "not a readable MIDI file (" + e.getMessage() + ")", e);
        }
        List<MidiEvent> events = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                events.add(track.get(i));
            }
        }
        events.sort(Comparator.comparingLong(MidiEvent::getTick)); // stable: a track's order kept on ties
        TickClock clock = new TickClock(sequence, events);
        List<Note> notes = new ArrayList<>();
        List<Control> controls = new ArrayList<>();
        Map<Integer, Deque<double[]>> open = new HashMap<>(); // (channel, key) -> note-ons {time, velocity}
        for (MidiEvent event : events) {
            if (!(event.getMessage() instanceof ShortMessage message)) {
                continue;
            }
            double time = clock.seconds(event.getTick());
            int channel = message.getChannel() + 1;
            int command = message.getCommand();
            int key = message.getData1();
            int value = message.getData2();
            if (command == ShortMessage.NOTE_ON && value > 0) {
                open.computeIfAbsent(channel * 128 + key, k -> new ArrayDeque<>()).addLast(new double[] {time, value});
            } else if (command == ShortMessage.NOTE_OFF || command == ShortMessage.NOTE_ON) {
                Deque<double[]> pending = open.get(channel * 128 + key);
                if (pending != null && !pending.isEmpty()) {
                    double[] on = pending.removeFirst();
                    notes.add(new Note(on[0], time, channel, key, (int) on[1]));
                }
            } else if (command == ShortMessage.CONTROL_CHANGE) {
                controls.add(new Control(time, channel, key, value));
            }
        }
        for (Map.Entry<Integer, Deque<double[]>> pending : open.entrySet()) {
            for (double[] on : pending.getValue()) {
                notes.add(new Note(on[0], Double.POSITIVE_INFINITY, pending.getKey() / 128, pending.getKey() % 128,
                        (int) on[1]));
            }
        }
        notes.sort(Comparator.comparingDouble(Note::on));
        return new Events(notes, controls);
    }

    /**
     * The requested MIDI features ({@code note@ch1}, ...) for {@code frameCount} frames; frame i covers
     * [start.applyAsDouble(i), start.applyAsDouble(i + 1)).
     */
    static Map<String, float[]> compute(Events events, Set<String> names, int frameCount,
            java.util.function.IntToDoubleFunction start) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : names) {
            int channel = FeatureNames.midiChannel(FeatureNames.source(name));
            String base = FeatureNames.base(name);
            float[] values = new float[frameCount];
            if (base.startsWith("cc")) {
                controller(events.controls(), channel, Integer.parseInt(base.substring(2)), values, start);
            } else {
                notes(events.notes(), channel, base, values, start);
            }
            out.put(name, values);
        }
        return out;
    }

    private static void controller(List<Control> controls, int channel, int number, float[] values,
            java.util.function.IntToDoubleFunction start) {
        int next = 0;
        float value = 0;
        for (int i = 0; i < values.length; i++) {
            double end = start.applyAsDouble(i + 1);
            while (next < controls.size() && controls.get(next).time() < end) {
                Control c = controls.get(next++);
                if (c.channel() == channel && c.controller() == number) {
                    value = c.value();
                }
            }
            values[i] = value;
        }
    }

    private static void notes(List<Note> all, int channel, String base, float[] values,
            java.util.function.IntToDoubleFunction start) {
        List<Note> notes = all.stream().filter(n -> n.channel() == channel).toList();
        int next = 0;               // first note not yet started
        List<Note> sounding = new ArrayList<>();
        int lastVelocity = 0;
        for (int i = 0; i < values.length; i++) {
            double from = start.applyAsDouble(i);
            double end = start.applyAsDouble(i + 1);
            while (next < notes.size() && notes.get(next).on() < end) {
                Note note = notes.get(next++);
                sounding.add(note);
                lastVelocity = note.velocity();
            }
            sounding.removeIf(n -> n.off() <= from);
            values[i] = switch (base) {
                case "note" -> (float) sounding.stream().mapToInt(Note::key).max().orElse(0);
                case "notes" -> sounding.size();
                case "velocity" -> sounding.isEmpty() ? 0 : lastVelocity;
                default -> throw new IllegalArgumentException("not a MIDI feature: " + base);
            };
        }
    }

    /** Ticks to seconds through the tempo map. */
    private static final class TickClock {
        private final TreeMap<Long, double[]> segments = new TreeMap<>(); // tick -> {seconds at tick, s per tick}
        private final double smpteSecondsPerTick;

        TickClock(Sequence sequence, List<MidiEvent> sorted) {
            float division = sequence.getDivisionType();
            int resolution = sequence.getResolution();
            if (division != Sequence.PPQ) {
                smpteSecondsPerTick = 1.0 / (division * resolution);
                return;
            }
            smpteSecondsPerTick = 0;
            double secondsPerTick = 0.5 / resolution; // 120 BPM until the first set-tempo
            long lastTick = 0;
            double lastSeconds = 0;
            segments.put(0L, new double[] {0, secondsPerTick});
            for (MidiEvent event : sorted) {
                if (event.getMessage() instanceof MetaMessage meta && meta.getType() == 0x51
                        && meta.getData().length == 3) {
                    byte[] d = meta.getData();
                    int micros = ((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff);
                    lastSeconds += (event.getTick() - lastTick) * secondsPerTick;
                    lastTick = event.getTick();
                    secondsPerTick = micros / 1e6 / resolution;
                    segments.put(lastTick, new double[] {lastSeconds, secondsPerTick});
                }
            }
        }

        double seconds(long tick) {
            if (smpteSecondsPerTick > 0) {
                return tick * smpteSecondsPerTick;
            }
            Map.Entry<Long, double[]> segment = segments.floorEntry(tick);
            return segment.getValue()[0] + (tick - segment.getKey()) * segment.getValue()[1];
        }
    }

}
