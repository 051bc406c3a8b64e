package org.netbend.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.netbend.job.JobEvent.Stage;
import org.netbend.job.JobEvent;

/** The closing lines of a render: what was written and where the time went. */
final class Summary {
    private Summary() { }

    static String of(Path output, JobEvent done) {
        long[] nanos = done.stageNanos();
        int frames = done.totalFrames();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "wrote %s: %d frames (job %s)%n",
                output, frames, done.jobId()));
        long renderNanos = 0;
        for (Stage stage : Stage.values()) {
            if (stage != Stage.ASSEMBLE) {
                renderNanos += nanos[stage.ordinal()];
            }
        }
        if (renderNanos == 0) {
            text.append("all frames came from the store (use --force to render again)");
            return text.toString();
        }
        text.append(String.format(Locale.ROOT, "time per frame by stage, %.1f ms in all (png, store and chunk-encode run beside the model):",
                renderNanos / 1e6 / frames));
        for (Stage stage : Stage.values()) {
            if (stage != Stage.ASSEMBLE && nanos[stage.ordinal()] > 0) {
                text.append(String.format(Locale.ROOT, " %s %.1f", label(stage), nanos[stage.ordinal()] / 1e6 / frames));
            }
        }
        text.append(String.format(Locale.ROOT, "; assembly %.2f s", nanos[Stage.ASSEMBLE.ordinal()] / 1e9));
        return text.toString();
    }

    private static String label(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
