package org.netbend.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.job.AudioKeys;
import org.netbend.job.RequestBuilder;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioDecoder;
import org.netbend.plan.AudioException;
import org.netbend.plan.AudioSources;
import org.netbend.service.client.AudioUpload;
import org.netbend.store.ObjectStore;

/**
 * The stems (name to file) and the MIDI file (or null) of a track, as the user gave them: checked before any
 * work, named in the request by their content addresses, and uploaded to the store once.
 */
record SourceFiles(Map<String, Path> stems, Path midi) {
    SourceFiles {
        stems = Collections.unmodifiableMap(new LinkedHashMap<>(stems)); // in the order given
    }

    /** Every stem is a regular audio file FFmpeg can read and the MIDI file parses, or one line says which not. */
    void check() {
        for (Map.Entry<String, Path> stem : stems.entrySet()) {
            Path file = stem.getValue();
            if (!Files.exists(file) && !Files.isDirectory(file)) {
                throw new UserError("stem " + stem.getKey() + ": file not found: " + file);
            }
            InputFiles.checkAudio(file);
            try {
                AudioDecoder.probe(file);
            } catch (AudioException e) {
                throw new UserError("stem " + stem.getKey() + ": " + e.getMessage());
            }
        }
        if (midi != null) {
            if (!Files.isRegularFile(midi)) {
                throw new UserError(Files.exists(midi) ? midi + " is not a regular file; give a MIDI file"
                        : "MIDI file not found: " + midi);
            }
            try {
                AudioAnalyzer.midiFeaturesOf(midi);
            } catch (AudioException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /** Names each file in the request by its content address, so that a changed file is a new job. */
    RequestBuilder applyTo(RequestBuilder builder) throws IOException {
        for (Map.Entry<String, Path> stem : stems.entrySet()) {
            builder.stem(stem.getKey(), AudioKeys.of(stem.getValue()));
        }
        if (midi != null) {
            builder.midi(AudioKeys.midiOf(midi));
        }
        return builder;
    }

    /** Puts every file in the store under its content address unless it is there; one line per file. */
    List<String> upload(ObjectStore store) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Path> stem : stems.entrySet()) {
            lines.add(line(stem.getValue(), AudioUpload.of(store, stem.getValue(), AudioKeys.of(stem.getValue())),
                    store));
        }
        if (midi != null) {
            lines.add(line(midi, AudioUpload.of(store, midi, AudioKeys.midiOf(midi)), store));
        }
        return lines;
    }

    /** Names every file as an input, so that no output is written over a stem or the MIDI file. */
    OutputFiles asInputs(OutputFiles files) {
        stems.forEach((name, file) -> files.input("stem " + name, file));
        if (midi != null) {
            files.input("the MIDI file", midi);
        }
        return files;
    }

    /** The analysis sources of {@code mix} with these stems and MIDI file. */
    AudioSources of(Path mix) {
        return new AudioSources(mix, stems, midi);
    }

    private static String line(Path file, AudioUpload.Uploaded upload, ObjectStore store) {
        return file.getFileName() + (upload.uploaded() ? " uploaded to " : " already in ") + store.describe()
                + " as " + upload.key();
    }
}
