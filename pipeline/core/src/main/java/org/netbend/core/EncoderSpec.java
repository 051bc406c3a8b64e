package org.netbend.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which audio encoder turns a frame's log-mel spectrum into a code of D numbers, as a request spells it:
 * {@code pca(D)}, principal components of the log-mel frames (closed form). Parse errors are one line naming
 * the problem. The request carries it (field {@code codes}); plan's encoders fit it.
 *
 * @param kind       the encoder
 * @param dimensions D, the code's length: 1..{@link #MEL_BINS} for pca
 */
public record EncoderSpec(Kind kind, int dimensions) {
    /** Log-mel energies per frame, the encoder's input: the 40 bands of plan's MFCC filter bank. */
    public static final int MEL_BINS = 40;
    private static final Pattern SPEC = Pattern.compile("([a-z][a-z0-9_-]*)\\((\\d{1,6})\\)");

    /** The encoders there are. */
    public enum Kind {
        PCA("pca");

        private final String label;

        Kind(String label) { this.label = label; }

        public String label() { return label; }
    }

    public EncoderSpec {
        if (kind == null) {
            throw new IllegalArgumentException("encoder kind must be given");
        }
        if (dimensions < 1) {
            throw new IllegalArgumentException(kind.label() + "(" + dimensions + "): D must be at least 1");
        }
        if (dimensions > MEL_BINS) {
            throw new IllegalArgumentException(kind.label() + "(" + dimensions + "): D = " + dimensions
                    + " is larger than the " + MEL_BINS + " mel bins of a frame; choose D in 1.." + MEL_BINS);
        }
    }

    /** {@code pca(8)}; an IllegalArgumentException naming the problem otherwise. */
    public static EncoderSpec parse(String text) {
        String compact = text == null ? "" : text.replaceAll("\\s+", "");
        Matcher m = SPEC.matcher(compact);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad encoder '" + text + "'; write pca(D), e.g. pca(8)");
        }
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.label().equals(m.group(1))) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("unknown encoder '" + m.group(1) + "' in '" + text + "'; known: pca(D)");
        }
        return new EncoderSpec(kind, Integer.parseInt(m.group(2)));
    }

    /** The canonical spelling, {@code pca(8)}. */
    @Override
    public String toString() {
        return kind.label() + "(" + dimensions + ")";
    }
}
