package org.netbend.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA. On a terminal it redraws in place; otherwise (CI, a log file)
 * it prints a line every tenth of the way (and when its note changes: an album's tracks), so logs stay short.
 */
final class ProgressBar implements FrameProgress {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private final String label;
    private final long startNanos = System.nanoTime();
    private int lastDecile = -1;
    private long lastDrawNanos;
    private int resumedFrames;
    private String lastLine = "";
    private String lastNote = "";

    ProgressBar(PrintWriter out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    /** Frames that were done before the bar started (from the store, or a watch that attaches to a running job). */
    @Override
    public void resumed(int frames) {
        resumedFrames += frames;
    }

    @Override
    public void update(int done, int total) {
        update(done, total, "");
    }

    /** The bar with a note after it (an album's tracks). */
    void update(int done, int total, String note) {
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastDrawNanos < 100_000_000L && done < total) {
                return;
            }
            lastDrawNanos = now;
            String line = line(done, total, now) + note;
            out.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
            lastLine = line;
            out.flush();
        } else {
            int decile = total == 0 ? 10 : done * 10 / total;
            if (decile != lastDecile || !note.equals(lastNote)) { // an album's note changes a few times per track
                lastDecile = decile;
                lastNote = note;
                out.println(line(done, total, now) + note);
            }
        }
    }

    /** A line of its own (a track that started or ended); on a terminal it goes above the bar, which is redrawn. */
    void println(String text) {
        if (terminal && !lastLine.isEmpty()) {
            out.print("\r" + text + " ".repeat(Math.max(0, lastLine.length() - text.length())) + "\n" + lastLine);
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Ends the bar's line on a terminal (also after a failure, so the next message starts on its own line). */
    void finish() {
        if (terminal && lastDrawNanos != 0) {
            out.println();
            out.flush();
        }
    }

    private String line(int done, int total, long now) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        double seconds = (now - startNanos) / 1e9;
        int rendered = Math.max(0, done - resumedFrames);
        double rate = seconds > 0 ? rendered / seconds : 0;
        String eta = rate > 0 && done < total ? format(Duration.ofSeconds((long) Math.ceil((total - done) / rate))) : "--:--";
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d frames  %.2f fps  ETA %s", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, rate, eta);
    }

    private static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
