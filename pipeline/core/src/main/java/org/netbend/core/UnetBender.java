package org.netbend.core;

import java.util.List;

/**
 * The part of a frame's bends that acts inside the U-Net. A {@link LatentBender} that also implements this
 * interface asks the sampler to run the U-Net with its {@link #siteEdits()} built into the graph, and to feed
 * {@link #siteValues} at every step. Both classifier-free-guidance halves get the same values.
 */
public interface UnetBender {

    /** The edits, in the order the bends were given; the same for every frame of a job. */
    List<SiteEdit> siteEdits();

    /**
     * The values of edit {@code edit} at step {@code layer} of {@code layers}: {@link SiteEdit#VALUE_COUNT}
     * numbers (for a {@link SiteEdit.Form#FIELD} edit followed by its field's values), or null when it does not act
     * at that step.
     */
    double[] siteValues(int edit, int layer, int layers);
}
