package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netbend.farm.TestAudio;

/** End-to-end render tests' common steps: a steady tone to render over, and a render that returns its job id. */
final class RenderedJobs {
    private static final Pattern JOB = Pattern.compile("netbend: job ([0-9a-f]{16}),");

    private RenderedJobs() { }

    /** A 330 Hz tone at 0.3 of full scale, {@code seconds} long: loud throughout, so features never go flat. */
    static Path tone(Path file, int seconds) throws IOException {
        float[] tone = new float[seconds * TestAudio.RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * i / TestAudio.RATE));
        }
        return TestAudio.writeWav(file, tone);
    }

    /** Renders {@code audio} to {@code folder/output} and returns the job id it printed. */
    static String render(Path folder, Path audio, List<String> options, String output) {
        List<String> args = new ArrayList<>(List.of("render", audio.toString(), "-o", folder.resolve(output).toString()));
        args.addAll(options);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        Matcher job = JOB.matcher(run.err());
        assertTrue(job.find(), run.err());
        return job.group(1);
    }
}
