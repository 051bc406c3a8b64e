package org.netbend.core;

import java.util.Arrays;

/**
 * One frame's diffusion latent: {@code channels x height x width} floats, row-major
 * ({@code data[(c * height + h) * width + w]}). Mutable on purpose: bends and samplers work in place
 * on a 4x64x64 buffer many times per frame, and copying each time would dominate their cost.
 */
public final class Latent {
    private final int channels;
    private final int height;
    private final int width;
    private final float[] data;

    public Latent(int channels, int height, int width) {
        this(channels, height, width, new float[checkedSize(channels, height, width)]);
    }

    private Latent(int channels, int height, int width, float[] data) {
        if (data.length != checkedSize(channels, height, width)) {
            throw new IllegalArgumentException("latent data has " + data.length + " values, shape "
                    + channels + "x" + height + "x" + width + " needs " + channels * height * width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.data = data;
    }

    /** Wraps an existing buffer without copying it. */
    public static Latent wrap(int channels, int height, int width, float[] data) {
        return new Latent(channels, height, width, data);
    }

    private static int checkedSize(int channels, int height, int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("latent shape must be positive, got "
                    + channels + "x" + height + "x" + width);
        }
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    public int channels() { return channels; }

    public int height() { return height; }

    public int width() { return width; }

    /** Values per channel plane. */
    public int planeSize() { return height * width; }

    public int size() { return data.length; }

    /** The backing buffer, shared, not copied. */
    public float[] data() { return data; }

    public int index(int c, int h, int w) { return (c * height + h) * width + w; }

    public float get(int c, int h, int w) { return data[index(c, h, w)]; }

    public void set(int c, int h, int w, float value) { data[index(c, h, w)] = value; }

    public Latent copy() { return new Latent(channels, height, width, data.clone()); }

    public void copyFrom(Latent other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException("shape " + other.shapeString() + " differs from " + shapeString());
        }
        System.arraycopy(other.data, 0, data, 0, data.length);
    }

    public boolean sameShape(Latent other) {
        return channels == other.channels && height == other.height && width == other.width;
    }

    public String shapeString() { return channels + "x" + height + "x" + width; }

    /** True when every value is finite; bends must keep it so. */
    public boolean allFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Latent other && sameShape(other) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(data) + channels * 961 + height * 31 + width; }

    @Override
    public String toString() { return "Latent[" + shapeString() + "]"; }
}
