package org.netbend.plan;

/**
 * Mono float samples (nominally -1..1) at a fixed rate, read block by block so that memory does not depend on
 * the length of the track. Not thread-safe.
 */
public interface AudioStream extends AutoCloseable {
    /**
     * Fills {@code buffer} from its start with the next samples.
     *
     * @return how many samples were written (at least 1 while samples remain), or -1 at the end of the stream
     */
    int read(float[] buffer) throws AudioException;

    /** The rate of the samples this stream returns, in Hz. */
    int sampleRate();

    /** The file's native properties. */
    AudioInfo info();

    /** Samples returned so far. */
    long samplesRead();

    /**
     * True once the decoder hit damaged or missing data (a truncated or corrupt file): the stream then ends early
     * with what could be decoded. Meaningful after the end has been reached.
     */
    boolean truncated();

    @Override
    void close() throws AudioException;
}
