package org.netbend.core;

/**
 * An 8-bit RGB picture, pixels interleaved row by row ({@code r,g,b,r,g,b,...}).
 * The array is shared, not copied; treat it as read-only once built.
 */
public record RgbImage(int width, int height, byte[] pixels) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs "
                    + width * height * 3 + " bytes, got " + pixels.length);
        }
    }

    public int red(int x, int y) { return pixels[(y * width + x) * 3] & 0xff; }

    public int green(int x, int y) { return pixels[(y * width + x) * 3 + 1] & 0xff; }

    public int blue(int x, int y) { return pixels[(y * width + x) * 3 + 2] & 0xff; }
}
