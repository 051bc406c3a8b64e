package org.netbend.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.netbend.render.DownloadListener;

/** Shows a model download as one line per file, redrawn in place. */
final class DownloadProgress implements DownloadListener {
    private final PrintWriter err;
    private long lastDraw;

    DownloadProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(String file, long alreadyHave, long total) {
        err.printf(Locale.ROOT, "downloading %s%s%n", file, alreadyHave > 0 ? " (resuming at " + mb(alreadyHave) + ")" : "");
        err.flush();
    }

    @Override
    public void progress(String file, long done, long total) {
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        err.print(total > 0
                ? String.format(Locale.ROOT, "\r  %s / %s (%d%%)", mb(done), mb(total), done * 100 / total)
                : "\r  " + mb(done));
        err.flush();
    }

    @Override
    public void finished(String file, long total) {
        err.printf(Locale.ROOT, "\r  %s done%n", mb(total));
        err.flush();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
