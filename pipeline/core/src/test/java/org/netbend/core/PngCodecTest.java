package org.netbend.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PngCodecTest {
    @Test
    void roundTripIsLossless() {
        byte[] pixels = new byte[37 * 23 * 3];
        new Random(1).nextBytes(pixels);
        RgbImage image = new RgbImage(37, 23, pixels);
        RgbImage back = PngCodec.decode(PngCodec.encode(image));
        assertEquals(37, back.width());
        assertEquals(23, back.height());
        assertArrayEquals(pixels, back.pixels());
    }

    @Test
    void sameImageGivesSameBytes() {
        byte[] pixels = new byte[16 * 16 * 3];
        new Random(2).nextBytes(pixels);
        RgbImage image = new RgbImage(16, 16, pixels);
        assertArrayEquals(PngCodec.encode(image), PngCodec.encode(image));
    }

    @Test
    void everyFilterAndLevelDecodesToTheSamePixels() {
        for (int[] size : new int[][] {{1, 1}, {1, 9}, {9, 1}, {64, 48}, {33, 17}}) {
            byte[] pixels = new byte[size[0] * size[1] * 3];
            Random random = new Random(size[0] * 31L + size[1]);
            for (int i = 0; i < pixels.length; i++) {
                // a smooth ramp with noise: both the filters' arithmetic and its wrap-around are exercised
                pixels[i] = (byte) (i / 3 % 251 + random.nextInt(9));
            }
            RgbImage image = new RgbImage(size[0], size[1], pixels);
            for (PngWriter.Filter filter : PngWriter.Filter.values()) {
                for (int level : new int[] {0, 1, 6, 9}) {
                    byte[] png = new PngWriter(filter, level).encode(image);
                    assertArrayEquals(pixels, PngCodec.decode(png).pixels(),
                            filter + " at level " + level + ", " + size[0] + "x" + size[1]);
                }
            }
        }
    }

    @Test
    void theRowsCarryTheChosenFilter() {
        RgbImage image = new RgbImage(4, 3, new byte[4 * 3 * 3]);
        byte[] filtered = PngWriter.filtered(image, PngWriter.Filter.PAETH);
        assertEquals(3 * (1 + 4 * 3), filtered.length);
        for (int row = 0; row < 3; row++) {
            assertEquals(4, filtered[row * 13], "row " + row + " starts with Paeth's filter byte");
        }
    }

    @Test
    void garbageIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PngCodec.decode(new byte[] {1, 2, 3}));
        assertEquals("not a PNG image (3 bytes)", e.getMessage());
    }
}
