package org.netbend.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.netbend.bend.BendParser;
import org.netbend.job.AudioKeys;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobFile;
import org.netbend.job.JobRequest;
import org.netbend.job.RequestBuilder;
import org.netbend.plan.AudioDecoder;
import org.netbend.plan.AudioInfo;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The track and everything that decides its frames, as {@code render} and {@code submit} both take them, and
 * the request built from them: defaults, then the job file, then the options given. One path, so the two
 * commands give the same request and the same job id.
 */
final class TrackOptions {
    @Parameters(arity = "0..*", paramLabel = "AUDIO",
            description = "wav, mp3, flac, ogg, opus, m4a ...; several files, or one folder, make an album; "
                    + "none: the --job file's audio.")
    List<Path> audio;

    @Mixin RequestOptions requestOptions;

    @Mixin SourceOptions sourceOptions;

    @Option(names = "--job", paramLabel = "FILE.yaml",
            description = "Settings, prompts and bends from a YAML job file (see configs/presets); options given here "
                    + "win (--bend replaces its bends, --add-bend adds to them).")
    Path jobFile;

    @Option(names = "--job-per-track", paramLabel = "DIR",
            description = "Each track's own job file, DIR/<track name>.yaml (tracks without one take --job).")
    Path jobFolder;

    /** The tracks the arguments name, each with its job file (see {@link AlbumTracks}). */
    AlbumTracks tracks() throws IOException {
        List<Path> given = audio;
        if ((given == null || given.isEmpty()) && jobFile != null) {
            Path named = JobFile.read(jobFile).audio(); // a live recording's session.yaml names its input.wav
            given = named == null ? given : List.of(named);
        }
        return AlbumTracks.of(given, jobFile, jobFolder);
    }

    /** The track's length and format, for a single track. */
    AudioInfo probe() throws IOException {
        return probe(single().audio());
    }

    JobRequest request(AudioInfo info, String model, PrintWriter err) throws IOException {
        return request(single(), info, model, err).request();
    }

    /**
     * A track with its length, its request, its stem and MIDI files (the job file's and the command line's) and
     * where its bends come from ("--bend", "job file x.yaml", ...), for the line that lists them.
     */
    record TrackRequest(AlbumTracks.Track track, AudioInfo info, JobRequest request, SourceFiles sources,
            String bendsFrom) {
        /** "netbend: bends (FROM): A; B", or that there are none: the first lines of a render say what it bends. */
        String bendsLine() {
            List<String> bends = request.bends();
            return bends.isEmpty() ? "netbend: no bends: the frames follow the prompts and the noise walk only"
                    : "netbend: bends (" + bendsFrom + "): " + String.join("; ", bends);
        }
    }

    /** The seed drawn for --seed -1: one for the whole command, so an album's tracks share it as with --seed N. */
    private Long drawnSeed;

    /** Every track probed and its request built, in order: render and submit build them the same way. */
    List<TrackRequest> requests(List<AlbumTracks.Track> tracks, String model, PrintWriter err) throws IOException {
        sourceOptions.given(); // the --stem flags' count and names, before any file is opened
        List<TrackRequest> built = new ArrayList<>();
        for (AlbumTracks.Track track : tracks) {
            built.add(request(track, probe(track.audio()), model, err));
        }
        return built;
    }

    private AlbumTracks.Track single() throws IOException {
        List<AlbumTracks.Track> tracks = tracks().tracks();
        if (tracks.size() != 1) {
            throw new UserError("give one audio file here, not " + tracks.size());
        }
        return tracks.get(0);
    }

    /** The track's length and format; a missing or unreadable file is the user's error, named. */
    static AudioInfo probe(Path audio) throws IOException {
        InputFiles.checkAudio(audio);
        try {
            return AudioDecoder.probe(audio);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Where the bends come from: the job file's are replaced by --bend and kept by --add-bend. */
    private String bendsFrom(boolean fileBends, Path jobFile) {
        boolean replaced = !requestOptions.bends.isEmpty();
        boolean added = !requestOptions.addedBends.isEmpty();
        String file = fileBends ? "job file " + jobFile.getFileName() : null;
        if (file == null) {
            return replaced && added ? "--bend, --add-bend" : replaced ? "--bend" : "--add-bend";
        }
        if (replaced) {
            return (added ? "--bend, --add-bend" : "--bend") + ", replacing the bends of the " + file;
        }
        return added ? file + ", then --add-bend" : file;
    }

    /** --seed -1: a seed drawn once, said once, and recorded in the request (so its job id can be made again). */
    private long drawnSeed(PrintWriter err) {
        if (drawnSeed == null) {
            drawnSeed = ThreadLocalRandom.current().nextLong(0, 1L << 32);
            err.println(String.format(Locale.ROOT, "netbend: seed -1 means random: drew seed %d (recorded in the "
                    + "request; --seed %d renders the same frames again)", drawnSeed, drawnSeed));
        }
        return drawnSeed;
    }

    /**
     * Says which stems, MIDI file or lanes no bend reads (they still count in the job id, and are often a typo),
     * and notes on bends that probably do not say what was meant (a rotation past a full turn).
     */
    static void noteUnread(JobRequest request, AlbumTracks.Track track, boolean album, PrintWriter err) {
        for (String source : request.unreadSources()) {
            err.println("netbend: " + (album ? Shown.value(track.title()) + ": " : "") + source
                    + " is read by no bend; it still counts in the job id (a misspelt name?)");
        }
        for (String bend : request.bends()) {
            BendParser.notes(bend).forEach(note -> err.println("netbend: note: " + note));
        }
    }

    /** The request of one track: the same whether it is rendered alone or within an album. */
    private TrackRequest request(AlbumTracks.Track track, AudioInfo info, String model, PrintWriter err)
            throws IOException {
        Path audio = track.audio();
        Path jobFile = track.jobFile();
        RequestBuilder builder = new RequestBuilder()
                .audio(AudioKeys.of(audio), audio.getFileName().toString())
                .audioSeconds(info.durationSeconds())
                .model(model);
        try {
            JobFile job = jobFile == null ? null : JobFile.read(jobFile);
            if (job != null) {
                job.applyTo(builder);
            }
            SourceFiles sources = sourceOptions.files(job);
            boolean fileBends = job != null && !builder.bends().isEmpty();
            requestOptions.applyTo(sources.applyTo(builder));
            if (builder.randomSeed()) {
                builder.seed(drawnSeed(err));
            }
            return new TrackRequest(track, info, builder.build(), sources, bendsFrom(fileBends, jobFile));
        } catch (InvalidRequestException e) {
            throw new UserError(OptionNames.inMessage(e));
        }
    }
}
