package org.netbend.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.netbend.core.RgbImage;

/** The JPEG a page is sent decodes to the frame, colours in the right channels. */
class JpegFramesTest {
    @Test
    void encodesRgbInTheRightChannels() throws Exception {
        int w = 32;
        int h = 16;
        byte[] pixels = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) { // left half red, right half blue
            boolean left = i % w < w / 2;
            pixels[3 * i] = (byte) (left ? 220 : 10);
            pixels[3 * i + 2] = (byte) (left ? 10 : 220);
        }
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(JpegFrames.encode(new RgbImage(w, h, pixels))));
        assertEquals(w, decoded.getWidth());
        assertEquals(h, decoded.getHeight());
        int leftPixel = decoded.getRGB(4, 8);
        int rightPixel = decoded.getRGB(28, 8);
        assertTrue((leftPixel >> 16 & 0xff) > 180 && (leftPixel & 0xff) < 60, Integer.toHexString(leftPixel));
        assertTrue((rightPixel & 0xff) > 180 && (rightPixel >> 16 & 0xff) < 60, Integer.toHexString(rightPixel));
    }
}
