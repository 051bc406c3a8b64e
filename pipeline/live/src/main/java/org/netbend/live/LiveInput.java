package org.netbend.live;

/** Audio as it is heard: mono samples at the analysis rate, up to the loop's "now". */
public interface LiveInput extends AutoCloseable {
    int sampleRate();

    /**
     * Fills {@code buffer} from its start with samples heard up to {@code now} that were not returned yet.
     *
     * @return how many were written (0 when none is new yet), or -1 once the input has ended
     * @throws LiveInputException when the input fails (a device that disappeared): the session ends cleanly
     */
    int read(float[] buffer, double now) throws LiveInputException;

    /** What the input is, for messages ("drums.wav", "input device USB Audio"). */
    String describe();

    @Override
    void close();
}
