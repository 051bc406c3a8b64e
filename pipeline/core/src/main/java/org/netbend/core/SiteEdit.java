package org.netbend.core;

import java.io.Serializable;
import java.util.Arrays;
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
 * <p>The other forms are the latent's pointwise, morphology and normalisation operators ({@link Form#linear()}
 * false). As on the latent they compute on the whole activation (per batch row: one frame) and the target only
 * picks which elements take the result; a per-row gate value chooses between the result and the activation
 * itself, so a row whose bend does not act at a step is the activation exactly.
 *
 * @param site         the site's name ({@code mid}, {@code down.1}, {@code up.2.attn.1})
 * @param form         which operator form the graph gets
 * @param firstChannel first target channel
 * @param lastChannel  last target channel (included), or -1 for the last channel of the site
 * @param region       a spatial region, or null for the whole plane
 * @param window       the k of a k x k erosion or dilation window, 0 for the other forms
 * @param fraction     a seeded random fraction of the site's channels as the target, or null
 * @param field        the size of a {@link Form#FIELD} edit's small field, null for the other forms
 */
public record SiteEdit(String site, Form form, int firstChannel, int lastChannel, Region region, int window,
        Fraction fraction, Field field) implements Serializable {

    /** Values per step: the 4x4 matrix row by row, then scale, then shift, then the parameter r, then the gate. */
    public static final int VALUE_COUNT = 20;
    /** Index of the operator parameter (a threshold's r) among the values. */
    public static final int PARAMETER = 18;
    /** Index of the gate among the values: 1 where the operator's result is taken, 0 for the activation as is. */
    public static final int GATE = 19;

    /** The operator's shape in the graph. */
    public enum Form {
        AFFINE, GROUP_MATRIX,
        /** x where |x| >= r, else 0 */
        THRESHOLD,
        /** 1 where x >= r, else 0 */
        THRESHOLD_BINARY,
        /** sign(x) max(|x| - r, 0) */
        THRESHOLD_SOFT,
        /** k x k window minimum per channel */
        ERODE,
        /** k x k window maximum per channel */
        DILATE,
        /** minus the mean of each channel plane */
        NORMALIZE_CHANNEL,
        /** minus the mean of each row of each channel */
        NORMALIZE_ROW,
        /** minus the mean of each column of each channel */
        NORMALIZE_COL,
        /** minus the mean across channels at each pixel */
        NORMALIZE_PIXEL,
        /** minus the mean of the whole activation */
        NORMALIZE_ALL,
        /** divided by the maximum |x| of the whole activation */
        NORMALIZE_MAX,
        /**
         * plus a 4 x h x w field (the audio code, times its gain), upsampled bilinearly to the site's H x W;
         * target channel k of K takes field channel floor(4k/K), as a channel matrix's four groups; behind the gate
         */
        FIELD;

        /** Scale-and-shift forms (matrix, scale, shift values); the others take the parameter and the gate. */
        public boolean linear() { return this == AFFINE || this == GROUP_MATRIX; }
    }

    /**
     * The small field of a {@link Form#FIELD} edit: 4 x height x width values per step, fed after the
     * {@link #VALUE_COUNT} values.
     */
    public record Field(int height, int width) implements Serializable {
        public Field {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("field " + height + "x" + width);
            }
        }

        /** The number of field values per step: 4 x height x width. */
        public int size() { return 4 * height * width; }
    }

    /**
     * {@code round(p C)} of the site's {@code C} channels, drawn from {@code seed} (the job's, or the bend's own)
     * and the site's name: the same channels on every frame, slot and retry, an independent choice per site.
     */
    public record Fraction(double p, long seed) implements Serializable {
        public Fraction {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("channel fraction " + p + " must be in 0..1");
            }
        }

        /** The chosen channels of a site with this many channels, ascending. */
        public int[] channels(String site, int channelCount) {
            int count = (int) Math.round(p * channelCount);
            int[] order = new int[channelCount];
            for (int c = 0; c < channelCount; c++) {
                order[c] = c;
            }
            // partial Fisher-Yates: the first count entries are a uniform random subset
            KeyedRandom random = KeyedRandom.of(seed, 0, "site-fraction:" + site);
            for (int i = 0; i < count; i++) {
                int j = i + random.nextInt(channelCount - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            int[] chosen = Arrays.copyOf(order, count);
            Arrays.sort(chosen);
            return chosen;
        }
    }

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
        if (form == Form.ERODE || form == Form.DILATE ? window < 1 : window != 0) {
            throw new IllegalArgumentException("window " + window + " for " + form);
        }
        if ((form == Form.FIELD) != (field != null)) {
            throw new IllegalArgumentException("field " + field + " for " + form);
        }
    }

    /** An edit without a field. */
    public SiteEdit(String site, Form form, int firstChannel, int lastChannel, Region region, int window,
            Fraction fraction) {
        this(site, form, firstChannel, lastChannel, region, window, fraction, null);
    }

    /** A linear edit (no window, no fraction). */
    public SiteEdit(String site, Form form, int firstChannel, int lastChannel, Region region) {
        this(site, form, firstChannel, lastChannel, region, 0, null);
    }

    /**
     * Checks the target channels against the site's channel count: a channel range must lie inside the site, and
     * a group matrix needs a target whose channels split into four equal groups.
     *
     * @throws IllegalArgumentException naming the site and its channel count
     */
    public void checkChannels(int count) {
        String where = "site '" + site + "' has " + count + " channels";
        if (lastChannel >= count) {
            throw new IllegalArgumentException(where + " (0.." + (count - 1) + "), so the target channels "
                    + firstChannel + ".." + lastChannel + " lie outside it");
        }
        int targeted = (lastChannel < 0 ? count : lastChannel + 1) - firstChannel;
        if (form == Form.GROUP_MATRIX && targeted % 4 != 0) {
            throw new IllegalArgumentException(where + "; a channel matrix mixes four equal groups of the target"
                    + " channels, and " + targeted + " is not a multiple of 4: target channels(a..b) with a multiple"
                    + " of 4 channels");
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
