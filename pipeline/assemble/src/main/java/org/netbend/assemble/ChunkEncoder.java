package org.netbend.assemble;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.netbend.core.FreshFiles;
import org.netbend.core.RgbImage;

/**
 * Encodes frames into one MP4 chunk: H.264 (libx264), yuv420p, {@code +faststart}, no audio. A chunk is a
 * separate encode, so its first frame is an IDR key frame and chunks can later be joined by stream copy.
 *
 * <p>yuv420p stores colour at half resolution, so H.264 needs an even width and height. An odd size is padded by
 * one row or column that repeats the edge pixels ({@link #videoWidth()}, {@link #videoHeight()} give the coded
 * size): a render never fails at the last step over a size the model happily produced.
 *
 * <p>The chunk is written to a temporary file next to the target and moved into place by {@link #close()}, so a
 * failed or abandoned encode never leaves a file under the chunk's name.
 */
public final class ChunkEncoder implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final int width;
    private final int height;
    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private final byte[] row;
    private int frameCount;
    private boolean failed;
    private boolean closed;

    public ChunkEncoder(Path mp4, int width, int height, VideoSettings settings) throws AssembleException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        this.target = mp4.toAbsolutePath();
        this.width = width;
        this.height = height;
        int codedWidth = width + (width & 1);
        int codedHeight = height + (height & 1);
        try {
            Files.createDirectories(target.getParent());
            this.partial = FreshFiles.create(target.getParent(), "." + target.getFileName() + ".", ".partial.mp4");
        } catch (IOException e) {
            throw new AssembleException("cannot create chunk " + target + ": " + e, e);
        }
        recorder = new FFmpegFrameRecorder(partial.toFile(), codedWidth, codedHeight, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(settings.fps());
        recorder.setGopSize(settings.keyFrameInterval());
        recorder.setVideoOption("crf", Integer.toString(settings.crf()));
        recorder.setVideoOption("preset", settings.preset());
        if (settings.threads() > 0) {
            recorder.setVideoOption("threads", Integer.toString(settings.threads()));
        }
        recorder.setOption("movflags", "+faststart");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            discard();
            throw new AssembleException("cannot start the H.264 encoder for " + target + ": " + e.getMessage(), e);
        }
        frame = new Frame(codedWidth, codedHeight, Frame.DEPTH_UBYTE, 3, codedWidth * 3);
        row = new byte[codedWidth * 3];
    }

    /** Appends one frame; it must have the size given to the constructor. */
    public void add(RgbImage image) throws AssembleException {
        if (closed) {
            throw new IllegalStateException("chunk " + target + " is already closed");
        }
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("chunk " + target.getFileName() + " is " + width + "x" + height
                    + " but frame " + frameCount + " is " + image.width() + "x" + image.height());
        }
        copyPadded(image);
        try {
            recorder.record(frame, AV_PIX_FMT_RGB24);
        } catch (FrameRecorder.Exception e) {
            failed = true;
            throw new AssembleException("encoding frame " + frameCount + " of " + target + " failed: " + e.getMessage(), e);
        }
        frameCount++;
    }

    public int frameCount() {
        return frameCount;
    }

    /** The coded width: the frame width, rounded up to even. */
    public int videoWidth() {
        return width + (width & 1);
    }

    public int videoHeight() {
        return height + (height & 1);
    }

    /** Abandons the chunk: nothing is left at its path. Use when rendering the chunk's frames failed. */
    public void abort() {
        failed = true;
        close0();
    }

    /**
     * Finishes the file and moves it into place. A chunk without frames, or whose encoding failed, is discarded
     * and reported.
     */
    @Override
    public void close() throws AssembleException {
        if (closed) {
            return;
        }
        if (frameCount == 0 && !failed) {
            failed = true;
            close0();
            throw new AssembleException("chunk " + target + " has no frames; nothing was written");
        }
        AssembleException problem = close0();
        if (problem != null) {
            throw problem;
        }
    }

    private AssembleException close0() {
        if (closed) {
            return null;
        }
        closed = true;
        AssembleException problem = null;
        try {
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            failed = true;
            problem = new AssembleException("finishing chunk " + target + " failed: " + e.getMessage(), e);
        }
        try {
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            failed = true;
        }
        frame.close();
        if (failed) {
            discard();
            return problem;
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            discard();
            return new AssembleException("cannot move chunk into place at " + target + ": " + e, e);
        }
        return null;
    }

    private void copyPadded(RgbImage image) {
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        byte[] pixels = image.pixels();
        int rowBytes = width * 3;
        int codedHeight = videoHeight();
        for (int y = 0; y < codedHeight; y++) {
            int sourceRow = Math.min(y, height - 1); // the padding row repeats the last row
            System.arraycopy(pixels, sourceRow * rowBytes, row, 0, rowBytes);
            if (row.length > rowBytes) { // the padding column repeats the last column
                System.arraycopy(row, rowBytes - 3, row, rowBytes, 3);
            }
            buffer.put(y * row.length, row);
        }
    }

    private void discard() {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // a stray hidden .partial.mp4 is harmless; it is never taken for a chunk
        }
    }
}
