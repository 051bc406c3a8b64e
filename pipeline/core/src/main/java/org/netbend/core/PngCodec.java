package org.netbend.core;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** PNG bytes to and from {@link RgbImage} (lossless, so frames survive the store); read through the JDK's ImageIO. */
public final class PngCodec {
    private PngCodec() { }

    /** The frame as PNG, written by {@link PngWriter#FAST} (one filter for every row, zlib's fastest level). */
    public static byte[] encode(RgbImage image) {
        return PngWriter.FAST.encode(image);
    }

    /** The image as a BGR BufferedImage, copied straight into the raster's bytes (ImageIO's encoders take it). */
    public static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) buffered.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.pixels();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return buffered;
    }

    public static RgbImage decode(byte[] png) {
        BufferedImage read;
        try {
            read = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable PNG", e);
        }
        if (read == null) {
            throw new IllegalArgumentException("not a PNG image (" + png.length + " bytes)");
        }
        return fromBuffered(read);
    }

    public static RgbImage fromBuffered(BufferedImage source) {
        int width = source.getWidth();
        int height = source.getHeight();
        byte[] rgb = new byte[width * height * 3];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            source.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int p = row[x];
                int o = (y * width + x) * 3;
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    public static BufferedImage toBuffered(RgbImage image) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.pixels();
        int[] row = new int[image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int o = (y * image.width() + x) * 3;
                row[x] = (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
            }
            buffered.setRGB(0, y, image.width(), 1, row, 0, image.width());
        }
        return buffered;
    }
}
