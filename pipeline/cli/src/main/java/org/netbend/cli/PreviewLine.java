package org.netbend.cli;

import java.io.PrintWriter;
import org.netbend.job.InvalidRequestException;
import org.netbend.job.JobRequest;
import org.netbend.job.Preview;
import org.netbend.job.PreviewSettings;

/** {@code render --preview}: its value read, and the line that says what the preview renders. */
final class PreviewLine {
    private PreviewLine() { }

    /** {@code EVERY[,STEPS[,WxH]]}; an empty value (a bare {@code --preview}) is the defaults. */
    static PreviewSettings settings(String value) {
        try {
            return PreviewSettings.parse(value);
        } catch (InvalidRequestException e) {
            throw new UserError("--preview " + Shown.value(value) + ": " + e.field() + " " + e.problem());
        }
    }

    /** Nothing for a full render. */
    static void print(JobRequest request, String track, PrintWriter err) {
        Preview preview = request.preview();
        if (preview == null) {
            return;
        }
        err.printf(java.util.Locale.ROOT, "netbend: %spreview: every %s frame, %d steps%s%s%n", track,
                ordinal(preview.every()), request.steps(),
                request.width() > 0 ? ", " + request.width() + "x" + request.height() : "",
                request.bends().isEmpty() ? "" : ", bends at the same fraction of the steps: "
                        + String.join(" ", request.bends()));
    }

    private static String ordinal(int n) {
        if (n == 1) {
            return "";
        }
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
