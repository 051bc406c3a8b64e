package org.netbend.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netbend.assemble.AacTrack;
import org.netbend.assemble.AssembleException;
import org.netbend.job.JobRequest;
import org.netbend.plan.AudioInfo;
import picocli.CommandLine.ParseResult;

/** What an album is checked for before any work, beyond what each of its tracks is checked for. */
final class AlbumChecks {
    private AlbumChecks() { }

    /**
     * Options that belong to one track (a stem file, a MIDI file, a job id, a store key) are ambiguous with
     * several: refused by name. A per-track job file is the place for what differs between tracks.
     */
    static void refuseTrackOptions(ParseResult parsed, AlbumTracks tracks, String... options) {
        if (!tracks.album()) {
            return;
        }
        for (String option : options) {
            if (parsed.hasMatchedOption(option)) {
                throw new UserError(option + " names one track's " + what(option) + "; with " + tracks.tracks().size()
                        + " tracks it is ambiguous: render them one at a time, or use --job-per-track");
            }
        }
    }

    private static String what(String option) {
        return switch (option) {
            case "--job-id" -> "job id";
            case "--output" -> "store key";
            case "--midi" -> "MIDI file";
            case "--stem" -> "stems";
            default -> "setting";
        };
    }

    /** Two tracks with the same request would be one job: refused (the same audio under two names is fine). */
    static void distinctJobs(List<AlbumTracks.Track> tracks, List<JobRequest> requests) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Integer earlier = seen.putIfAbsent(requests.get(i).jobId(), i);
            if (earlier != null) {
                throw new UserError("tracks " + tracks.get(earlier).audio() + " and " + tracks.get(i).audio()
                        + " are the same request (job " + requests.get(i).jobId() + "); each track is rendered once");
            }
        }
    }

    /**
     * {@code --album-video} joins the tracks' videos by stream copy, so every track needs the same frame rate, size
     * and audio format (the AAC rate and channels its audio is encoded to): refused before rendering otherwise.
     */
    static void joinable(List<AlbumTracks.Track> tracks, List<AudioInfo> audio, List<JobRequest> requests) {
        String first = format(audio.get(0), requests.get(0));
        for (int i = 1; i < tracks.size(); i++) {
            String format = format(audio.get(i), requests.get(i));
            if (!format.equals(first)) {
                throw new UserError("--album-video joins the videos by stream copy, so every track needs the same "
                        + "frame rate, size and audio format: " + tracks.get(0).audio() + " gives " + first + ", "
                        + tracks.get(i).audio() + " " + format);
            }
        }
    }

    private static String format(AudioInfo audio, JobRequest request) {
        int rate;
        try {
            rate = AacTrack.encodedRate(audio.sampleRate());
        } catch (AssembleException e) {
            throw new UserError(audio.file() + ": " + e.getMessage());
        }
        String size = request.width() > 0 ? request.width() + "x" + request.height() : "the model's size";
        return String.format(Locale.ROOT, "%s fps, %s, AAC %d Hz %s", Numbers.format(request.fps()), size, rate,
                Math.min(2, audio.channels()) == 1 ? "mono" : "stereo");
    }
}
