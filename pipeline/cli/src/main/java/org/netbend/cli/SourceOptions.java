package org.netbend.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netbend.core.FeatureNames;
import org.netbend.job.JobFile;
import org.netbend.job.SourceFields;
import picocli.CommandLine.Option;

/**
 * {@code --stem NAME=FILE} (repeatable) and {@code --midi FILE}: the track's stems and MIDI file, which bends read
 * as {@code rms@drums} and {@code note@ch1}. Shared by {@code render}, {@code submit} and {@code analyze}.
 */
final class SourceOptions {
    @Option(names = "--stem", paramLabel = "NAME=FILE", description = {"A stem of the track (repeatable): bends read"
        + " its features as FEATURE@NAME, e.g. rms@drums, on the track's frame clock (silence after a shorter stem's"
        + " end, a longer one cut).", "Without stems, @harmonic and @percussive come from a harmonic/percussive"
        + " separation of the track."})
    List<String> stems = new ArrayList<>();

    @Option(names = "--midi", paramLabel = "FILE", description = "The piece's MIDI file: bends read note@chN,"
        + " velocity@chN, notes@chN, ccK@chN for channels 1..16.")
    Path midi;

    /** The files given here alone (analyze has no job file). */
    SourceFiles files() {
        return files(null);
    }

    /**
     * The {@code --stem} flags as stem name to file, checked without opening any file: at most
     * {@link SourceFields#MAX_STEMS} of them (the cap the service applies), each {@code NAME=FILE} with a valid
     * name, no name twice. Render and submit call it before they probe anything, so 10,000 flags are refused at once
     * rather than each opened with FFmpeg first.
     */
    Map<String, Path> given() {
        if (stems.size() > SourceFields.MAX_STEMS) {
            throw new UserError("--stem is given " + stems.size() + " times; a track has at most "
                    + SourceFields.MAX_STEMS + " stems");
        }
        Map<String, Path> given = new LinkedHashMap<>();
        for (String stem : stems) {
            int equals = stem.indexOf('=');
            if (equals <= 0 || equals == stem.length() - 1) {
                throw new UserError("--stem must be NAME=FILE, got '" + Shown.value(stem) + "'");
            }
            String name = stem.substring(0, equals);
            if (!FeatureNames.isStemName(name)) {
                throw new UserError("--stem name '" + Shown.value(name) + "' must be 1..32 of a-z, 0-9, '_', '-'"
                        + " (not ch1..ch16, which name MIDI channels)");
            }
            if (given.put(name, Path.of(stem.substring(equals + 1))) != null) {
                throw new UserError("--stem " + name + " is given twice");
            }
        }
        return given;
    }

    /**
     * A job file's stems and MIDI file, then the command line's over them (a stem of the same name, and the MIDI
     * file, are replaced), each checked with one clear line; the count is checked before any file is opened.
     */
    SourceFiles files(JobFile job) {
        Map<String, Path> named = new LinkedHashMap<>(job == null ? Map.of() : job.stems());
        Path midiFile = job == null ? null : job.midi();
        named.putAll(given());
        if (named.size() > SourceFields.MAX_STEMS) {
            throw new UserError("the job file's stems and --stem make " + named.size() + " stems; a track has at most "
                    + SourceFields.MAX_STEMS);
        }
        if (midi != null) {
            midiFile = midi;
        }
        SourceFiles files = new SourceFiles(named, midiFile);
        files.check();
        return files;
    }
}
