package org.netbend.plan;

/**
 * Which samples a video frame's features are computed from.
 *
 * <ul>
 *   <li>{@link Paper}: frame i at F fps covers [i·sr/F, (i+1)·sr/F), the audio that plays while the frame is
 *       shown (50 ms at 20 fps), as in the paper's reference code.</li>
 *   <li>{@link Centred}: a window of a fixed length centred on the middle of that interval, e.g. 93 ms for
 *       steadier spectra at high frame rates. Samples before the start or past the end are zeros.</li>
 * </ul>
 */
public sealed interface Window {

    static Window paper() { return new Paper(); }

    static Window centred(double millis) { return new Centred(millis); }

    /** The paper's window: exactly the frame's own interval. */
    record Paper() implements Window {
        @Override
        public String toString() { return "paper"; }
    }

    /** A centred window of {@code millis} milliseconds. */
    record Centred(double millis) implements Window {
        public Centred {
            if (!(millis >= 1 && millis <= 10_000)) {
                throw new IllegalArgumentException("centred window must be 1..10000 ms, got " + millis);
            }
        }

        @Override
        public String toString() { return "centred(" + millis + " ms)"; }
    }
}
