package org.netbend.assemble;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.netbend.core.RgbImage;

/** Decodes a video's frames, in display order, into {@link RgbImage}s (for checks, previews and tests). */
public final class VideoReader implements AutoCloseable {
    private final Path file;
    private final FFmpegFrameGrabber grabber;

    private VideoReader(Path file, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.grabber = grabber;
    }

    public static VideoReader open(Path video) throws AssembleException {
        if (!Files.isRegularFile(video)) {
            throw new AssembleException("video file " + video + " does not exist");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new AssembleException("cannot read " + video + " as a video: " + e.getMessage(), e);
        }
        return new VideoReader(video, grabber);
    }

    /** The next frame, or null after the last one. */
    public RgbImage next() throws AssembleException {
        try {
            Frame frame = grabber.grabImage();
            if (frame == null) {
                return null;
            }
            int width = frame.imageWidth;
            int height = frame.imageHeight;
            byte[] pixels = new byte[width * height * 3];
            ByteBuffer buffer = (ByteBuffer) frame.image[0];
            for (int y = 0; y < height; y++) {
                buffer.get(y * frame.imageStride, pixels, y * width * 3, width * 3);
            }
            return new RgbImage(width, height, pixels);
        } catch (FrameGrabber.Exception e) {
            throw new AssembleException("decoding " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // nothing useful to do about a failing close of a read-only input
        }
    }
}
