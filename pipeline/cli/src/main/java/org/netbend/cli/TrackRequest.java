package org.netbend.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.netbend.job.AudioKeys;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobFile;
import org.netbend.job.JobRequest;
import org.netbend.job.RequestBuilder;
import org.netbend.plan.AudioDecoder;
import org.netbend.plan.AudioInfo;

/**
 * The request for one track from the command line, as {@code render} and {@code submit} both build it:
 * defaults, then the job file, then the options given. One path, so the two commands give the same job id.
 */
final class TrackRequest {
    private TrackRequest() { }

    /** The track's length and format; a missing or unreadable file is the user's error, named. */
    static AudioInfo probe(Path audio) throws IOException {
        if (!Files.isRegularFile(audio)) {
            throw new UserError("audio file not found: " + audio);
        }
        try {
            return AudioDecoder.probe(audio);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** @param jobFile a YAML job file, or null */
    static JobRequest build(Path audio, AudioInfo info, String model, Path jobFile, RequestOptions options)
            throws IOException {
        RequestBuilder builder = new RequestBuilder()
                .audio(AudioKeys.of(audio), audio.getFileName().toString())
                .audioSeconds(info.durationSeconds())
                .model(model);
        try {
            if (jobFile != null) {
                JobFile.read(jobFile).applyTo(builder);
            }
            return options.applyTo(builder).build();
        } catch (InvalidRequestException e) {
            throw new UserError(OptionNames.inMessage(e));
        }
    }
}
