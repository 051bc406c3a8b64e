package org.netbend.plan;

import org.netbend.core.EncoderSpec;

/** A fitted audio encoder: one frame's log-mel energies in, a code of {@link #dimensions()} numbers out. */
public interface AudioEncoder {

    /** What was fitted, e.g. {@code pca(8)}. */
    EncoderSpec spec();

    default int dimensions() { return spec().dimensions(); }

    /** The code of every frame: codes[frame][component]. */
    double[][] encode(float[][] logMel);

    /** One line per component for plots and the CLI: its share of the variance, or the reconstruction error. */
    String describe(int component);
}
