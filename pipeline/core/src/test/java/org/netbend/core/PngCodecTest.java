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
    void garbageIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PngCodec.decode(new byte[] {1, 2, 3}));
        assertEquals("not a PNG image (3 bytes)", e.getMessage());
    }
}
