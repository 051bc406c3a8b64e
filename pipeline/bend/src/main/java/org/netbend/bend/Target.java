package org.netbend.bend;

import java.io.Serializable;
import java.util.Arrays;
import org.netbend.core.KeyedRandom;

/**
 * Where a bend writes its result. The operator always sees (and computes on) the whole latent, so
 * neighbourhood operators such as dilate or rotation work as usual; the target only decides which elements
 * take the new value. A mask weight w blends: x' = x + w * (op(x) - x); w is 1 inside hard targets.
 */
public sealed interface Target extends Serializable {

    String canonical();

    /**
     * Per-element weights in 0..1 for a latent of this shape, or null for "every element".
     *
     * @throws IllegalArgumentException when the target lies outside the latent (channel 5 of 4, row 80 of 64)
     */
    float[] mask(int channels, int height, int width, BendContext context);

    /** True when the mask changes from frame to frame (it must then be rebuilt per frame, never cached). */
    default boolean perFrame() { return false; }

    /** The default: every element. */
    record All() implements Target {
        @Override public String canonical() { return "all"; }

        @Override public float[] mask(int channels, int height, int width, BendContext context) { return null; }
    }

    /** One channel plane. */
    record Channel(int channel) implements Target {
        public Channel {
            requireNonNegative(channel, "channel");
        }

        @Override public String canonical() { return "channel(" + channel + ")"; }

        @Override public float[] mask(int channels, int height, int width, BendContext context) {
            checkIndex("channel", channel, channels, "channels");
            float[] mask = new float[channels * height * width];
            Arrays.fill(mask, channel * height * width, (channel + 1) * height * width, 1f);
            return mask;
        }
    }

    /** Channels {@code from..to}, both included (at a U-Net site: a group of its hundreds of channels). */
    record Channels(int from, int to) implements Target {
        public Channels {
            requireOrdered(from, to, "channels");
        }

        @Override public String canonical() { return "channels(" + from + ".." + to + ")"; }

        @Override public float[] mask(int channels, int height, int width, BendContext context) {
            checkIndex("channel", to, channels, "channels");
            float[] mask = new float[channels * height * width];
            Arrays.fill(mask, from * height * width, (to + 1) * height * width, 1f);
            return mask;
        }
    }

    /** Latent rows {@code from..to}, both included, in every channel. {@code row(i)} is {@code rows(i..i)}. */
    record Rows(int from, int to) implements Target {
        public Rows {
            requireOrdered(from, to, "rows");
        }

        @Override public String canonical() { return from == to ? "row(" + from + ")" : "rows(" + from + ".." + to + ")"; }

        @Override public float[] mask(int channels, int height, int width, BendContext context) {
            checkIndex("row", to, height, "rows");
            float[] mask = new float[channels * height * width];
            for (int c = 0; c < channels; c++) {
                Arrays.fill(mask, (c * height + from) * width, (c * height + to + 1) * width, 1f);
            }
            return mask;
        }
    }

    /** Latent columns {@code from..to}, both included, in every channel. {@code col(j)} is {@code cols(j..j)}. */
    record Cols(int from, int to) implements Target {
        public Cols {
            requireOrdered(from, to, "cols");
        }

        @Override public String canonical() { return from == to ? "col(" + from + ")" : "cols(" + from + ".." + to + ")"; }

        @Override public float[] mask(int channels, int height, int width, BendContext context) {
            checkIndex("column", to, width, "columns");
            float[] mask = new float[channels * height * width];
            for (int row = 0; row < channels * height; row++) {
                Arrays.fill(mask, row * width + from, row * width + to + 1, 1f);
            }
            return mask;
        }
    }

    /**
     * A seeded random fraction p of the elements (each element independently with probability p). Without a
     * seed the mask is drawn per frame from the job seed; with one it is the same on every frame.
     */
    record Fraction(double p, Long seed) implements Target {
        public Fraction {
            if (!(p >= 0 && p <= 1)) {
                throw new BendSpecException("fraction(" + BendNumbers.format(p) + ") must be in 0..1");
            }
        }

        @Override public String canonical() {
            return "fraction(" + BendNumbers.format(p) + (seed == null ? "" : "," + seed) + ")";
        }

        @Override public boolean perFrame() { return seed == null; }

        @Override public float[] mask(int channels, int height, int width, BendContext context) {
            KeyedRandom random = seed == null ? context.random("fraction") : KeyedRandom.of(seed, 0, "fraction");
            return bernoulli(channels * height * width, p, random);
        }
    }

    /**
     * A rectangle in image fractions (0,0 top left, 1,1 bottom right), the same on every channel. A latent
     * pixel belongs to it when its centre does. With {@code feather > 0} each edge becomes a linear ramp
     * {@code feather} wide (in image fractions), centred on the edge.
     */
    record Region(double x0, double y0, double x1, double y1, double feather) implements Target {
        public Region {
            for (double v : new double[] {x0, y0, x1, y1}) {
                if (!(v >= 0 && v <= 1)) {
                    throw new BendSpecException("region corners are image fractions in 0..1, got "
                            + BendNumbers.format(v));
                }
            }
            if (x1 <= x0 || y1 <= y0) {
                throw new BendSpecException("region(x0,y0,x1,y1) needs x0 < x1 and y0 < y1");
            }
            if (!(feather >= 0 && feather <= 1)) {
                throw new BendSpecException("region feather must be in 0..1, got " + BendNumbers.format(feather));
            }
        }

        @Override public String canonical() {
            return "region(" + BendNumbers.format(x0) + "," + BendNumbers.format(y0) + "," + BendNumbers.format(x1)
                    + "," + BendNumbers.format(y1) + (feather == 0 ? "" : "," + BendNumbers.format(feather)) + ")";
        }

        @Override public float[] mask(int channels, int height, int width, BendContext context) {
            float[] plane = new float[height * width];
            for (int h = 0; h < height; h++) {
                double wy = weight((h + 0.5) / height, y0, y1);
                for (int w = 0; w < width; w++) {
                    plane[h * width + w] = (float) (wy * weight((w + 0.5) / width, x0, x1));
                }
            }
            float[] mask = new float[channels * height * width];
            for (int c = 0; c < channels; c++) {
                System.arraycopy(plane, 0, mask, c * plane.length, plane.length);
            }
            return mask;
        }

        private double weight(double u, double lo, double hi) {
            if (feather == 0) {
                return u >= lo && u < hi ? 1 : 0;
            }
            return ramp((u - lo) / feather + 0.5) * ramp((hi - u) / feather + 0.5);
        }

        private static double ramp(double t) { return Math.max(0, Math.min(1, t)); }
    }

    /** Bernoulli(p) per element, drawn in index order: reproducible from the random stream alone. */
    static float[] bernoulli(int size, double p, KeyedRandom random) {
        float[] mask = new float[size];
        for (int i = 0; i < size; i++) {
            mask[i] = random.nextDouble() < p ? 1f : 0f;
        }
        return mask;
    }

    private static void requireNonNegative(int value, String what) {
        if (value < 0) {
            throw new BendSpecException(what + " index " + value + " is negative; indices count from 0");
        }
    }

    private static void requireOrdered(int from, int to, String what) {
        requireNonNegative(from, what);
        if (to < from) {
            throw new BendSpecException(what + "(" + from + ".." + to + ") needs a <= b");
        }
    }

    private static void checkIndex(String what, int index, int size, String plural) {
        if (index >= size) {
            throw new IllegalArgumentException("target " + what + " " + index + " is outside the latent, which has "
                    + size + " " + plural + " (0.." + (size - 1) + ")");
        }
    }
}
