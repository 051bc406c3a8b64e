package org.netbend.core;

import java.io.Serializable;
import java.util.Objects;

/**
 * One bend inside the U-Net as the render side needs it to rewrite the graph: the site it acts on, the form of
 * the operator and the part of the activation it writes to. Everything here is fixed for a job (so a rewritten
 * graph is built once per set of edits); the operator's values change per step and come from
 * {@link UnetBender#siteValues}.
 *
 * <p>The activation at a site is {@code B x C x H x W}. Over the target channels {@code first..last} (all
 * channels when {@code last < 0}) the edit computes {@code y' = scale * G(y) + shift}, where {@code G} is the
 * identity for {@link Form#AFFINE} and, for {@link Form#GROUP_MATRIX}, a 4x4 matrix applied over four equal
 * groups of the target channels (channel k of group i mixes with channel k of the other groups), so the
 * latent's four-channel operators (rotations, reflections, Hadamard, any 4x4 matrix) carry over to sites with
 * hundreds of channels. A region, when given, blends: {@code y + w (y' - y)} with the weights of
 * {@link Region}.
 *
 * @param site         the site's name ({@code mid}, {@code down.1}, {@code up.2.attn.1})
 * @param form         which operator form the graph gets
 * @param firstChannel first target channel
 * @param lastChannel  last target channel (included), or -1 for the last channel of the site
 * @param region       a spatial region, or null for the whole plane
 */
public record SiteEdit(String site, Form form, int firstChannel, int lastChannel, Region region)
        implements Serializable {

    /** Values per step: the 4x4 matrix row by row, then scale, then shift. */
    public static final int VALUE_COUNT = 18;

    /** The operator's shape in the graph. */
    public enum Form { AFFINE, GROUP_MATRIX }

    /**
     * A rectangle in frame fractions (0,0 top left); a pixel is inside when its centre is. With
     * {@code feather > 0} each edge is a linear ramp that wide, centred on the edge (as the latent target).
     */
    public record Region(double x0, double y0, double x1, double y1, double feather) implements Serializable { }

    public SiteEdit {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(form, "form");
        if (firstChannel < 0 || lastChannel >= 0 && lastChannel < firstChannel) {
            throw new IllegalArgumentException("bad channel range " + firstChannel + ".." + lastChannel);
        }
    }

    /** The values that leave the activation unchanged. */
    public static double[] identityValues() {
        double[] v = new double[VALUE_COUNT];
        v[0] = 1;
        v[5] = 1;
        v[10] = 1;
        v[15] = 1;
        v[16] = 1;
        return v;
    }
}
