package org.netbend.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which audio encoder turns a frame's log-mel spectrum into a code of D numbers, as a request spells it:
 * {@code pca(D)}, principal components of the log-mel frames (closed form), or {@code autoencoder(D[,SEED])}, a
 * small nonlinear autoencoder over a context window of log-mel frames, trained with a seed. Parse errors are one
 * line naming the problem. The request carries it (field {@code codes}); plan's encoders fit it.
 *
 * @param kind       the encoder
 * @param dimensions D, the code's length: 1..{@link #MEL_BINS} for pca, 1..{@link #MAX_AUTOENCODER_DIMENSIONS}
 *                   for the autoencoder
 * @param seed       the autoencoder's training seed (initial weights, batch order); 0 for pca
 */
public record EncoderSpec(Kind kind, int dimensions, long seed) {
    /** Log-mel energies per frame, the encoder's input: the 40 bands of plan's MFCC filter bank. */
    public static final int MEL_BINS = 40;
    /** Frames around each frame the autoencoder sees: t−3..t+3. */
    public static final int CONTEXT_FRAMES = 7;
    /** The autoencoder's code may be as long as the code-field's largest field (4 x 8 x 8). */
    public static final int MAX_AUTOENCODER_DIMENSIONS = 256;
    private static final Pattern SPEC = Pattern.compile("([a-z][a-z0-9_-]*)\\((\\d{1,6})(?:,(-?\\d{1,18}))?\\)");

    /** The encoders there are. */
    public enum Kind {
        PCA("pca"), AUTOENCODER("autoencoder");

        private final String label;

        Kind(String label) { this.label = label; }

        public String label() { return label; }
    }

    /** With seed 0. */
    public EncoderSpec(Kind kind, int dimensions) {
        this(kind, dimensions, 0);
    }

    public EncoderSpec {
        if (kind == null) {
            throw new IllegalArgumentException("encoder kind must be given");
        }
        if (dimensions < 1) {
            throw new IllegalArgumentException(kind.label() + "(" + dimensions + "): D must be at least 1");
        }
        if (kind == Kind.PCA && dimensions > MEL_BINS) {
            throw new IllegalArgumentException(kind.label() + "(" + dimensions + "): D = " + dimensions
                    + " is larger than the " + MEL_BINS + " mel bins of a frame; choose D in 1.." + MEL_BINS);
        }
        if (kind == Kind.AUTOENCODER && dimensions > MAX_AUTOENCODER_DIMENSIONS) {
            throw new IllegalArgumentException(kind.label() + "(" + dimensions + "): D = " + dimensions
                    + " is larger than " + MAX_AUTOENCODER_DIMENSIONS + "; choose D in 1.." + MAX_AUTOENCODER_DIMENSIONS);
        }
        if (kind == Kind.PCA && seed != 0) {
            throw new IllegalArgumentException("pca(" + dimensions + ") is fitted in closed form and takes no seed");
        }
    }

    /** {@code pca(8)}; an IllegalArgumentException naming the problem otherwise. */
    public static EncoderSpec parse(String text) {
        String compact = text == null ? "" : text.replaceAll("\\s+", "");
        Matcher m = SPEC.matcher(compact);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad encoder '" + text + "'; write pca(D) or autoencoder(D[,SEED]),"
                    + " e.g. pca(8)");
        }
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.label().equals(m.group(1))) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("unknown encoder '" + m.group(1) + "' in '" + text + "'; known: pca(D),"
                    + " autoencoder(D[,SEED])");
        }
        return new EncoderSpec(kind, Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
    }

    /** The canonical spelling, {@code pca(8)}, {@code autoencoder(8)} (seed 0) or {@code autoencoder(8,3)}. */
    @Override
    public String toString() {
        return kind.label() + "(" + dimensions + (seed != 0 ? "," + seed : "") + ")";
    }
}
