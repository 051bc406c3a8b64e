package org.netbend.live;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.netbend.core.RgbImage;

/** JPEG encoding (the stream format a page takes) and {@code --frames-out DIR}: DIR/000042.jpg per frame. */
public final class JpegFrames implements FrameSink {
    private final Path folder;

    public JpegFrames(Path folder) {
        this.folder = folder;
    }

    /** The frame as a baseline JPEG (the JDK's encoder, default quality). */
    public static byte[] encode(RgbImage image) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.pixels();
        int[] pixels = new int[image.width() * image.height()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | (rgb[3 * i + 2] & 0xff);
        }
        buffered.setRGB(0, 0, image.width(), image.height(), pixels, 0, image.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(buffered, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void accept(LiveFrame frame) throws IOException {
        Files.write(folder.resolve(String.format(Locale.ROOT, "%06d.jpg", frame.index())), encode(frame.image()));
    }
}
