package org.netbend.live;

import java.nio.file.Path;
import org.netbend.plan.AudioDecoder;
import org.netbend.plan.AudioException;
import org.netbend.plan.AudioStream;

/**
 * A file played on the loop's clock ({@code --headless}): at time t the first t·rate samples have been heard.
 * Decoded by plan's decoder at the analysis rate, so the samples are those {@code analyze} sees.
 */
public final class FileInput implements LiveInput {
    private final Path file;
    private final AudioStream stream;
    private float[] pending = new float[0];
    private int pendingFrom;
    private int pendingCount;
    private long returned;
    private boolean ended;

    private FileInput(Path file, AudioStream stream) {
        this.file = file;
        this.stream = stream;
    }

    public static FileInput open(Path file, int sampleRate) throws LiveInputException {
        try {
            return new FileInput(file, AudioDecoder.open(file, sampleRate));
        } catch (AudioException e) {
            throw new LiveInputException(e.getMessage(), e);
        }
    }

    @Override
    public int sampleRate() { return stream.sampleRate(); }

    @Override
    public int read(float[] buffer, double now) throws LiveInputException {
        // A millionth of a sample of slack: 0.7 s · 44100 is 30869.999… in doubles, and frame 6 at 10 fps ends at 30870.
        long heard = (long) Math.floor(now * stream.sampleRate() + 1e-6);
        int wanted = (int) Math.min(buffer.length, Math.max(0, heard - returned));
        int written = 0;
        while (written < wanted) {
            if (pendingCount == 0) {
                if (ended) {
                    break;
                }
                fill();
                continue;
            }
            int n = Math.min(pendingCount, wanted - written);
            System.arraycopy(pending, pendingFrom, buffer, written, n);
            pendingFrom += n;
            pendingCount -= n;
            written += n;
        }
        returned += written;
        if (written == 0 && ended && pendingCount == 0) {
            return -1;
        }
        return written;
    }

    private void fill() throws LiveInputException {
        if (pending.length == 0) {
            pending = new float[8192];
        }
        try {
            int count = stream.read(pending);
            if (count < 0) {
                ended = true;
                return;
            }
            pendingFrom = 0;
            pendingCount = count;
        } catch (AudioException e) {
            throw new LiveInputException(e.getMessage(), e);
        }
    }

    @Override
    public String describe() { return file.getFileName().toString(); }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (AudioException ignored) {
            // a decoder that fails to close has nothing left for us to lose
        }
    }
}
