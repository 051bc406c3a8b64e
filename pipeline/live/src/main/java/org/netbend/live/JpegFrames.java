package org.netbend.live;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.netbend.core.PngCodec;
import org.netbend.core.RgbImage;

/** JPEG encoding (the stream format a page takes) and {@code --frames-out DIR}: DIR/000042.jpg per frame. */
public final class JpegFrames implements FrameSink {
    private final Path folder;

    public JpegFrames(Path folder) {
        this.folder = folder;
    }

    /** The frame as a baseline JPEG (the JDK's encoder, default quality). */
    public static byte[] encode(RgbImage image) {
        BufferedImage buffered = PngCodec.toBufferedImage(image);
        byte[] rgb = image.pixels();
        ByteArrayOutputStream out = new ByteArrayOutputStream(rgb.length / 8);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) { // in memory, no temp file
            writer.setOutput(stream);
            writer.write(buffered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Override
    public void accept(LiveFrame frame) throws IOException {
        Files.write(folder.resolve(String.format(Locale.ROOT, "%06d.jpg", frame.index())), encode(frame.image()));
    }
}
