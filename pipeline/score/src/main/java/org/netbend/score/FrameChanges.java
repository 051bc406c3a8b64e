package org.netbend.score;

import static org.bytedeco.opencv.global.opencv_core.magnitude;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.setNumThreads;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_quality.QualitySSIM;

/**
 * How much the picture changes from each frame to the next, measured by OpenCV on the decoded video: the
 * structural dissimilarity {@code 1 - SSIM(frame t-1, frame t)} (luma, 0 = the same picture, up to 1 and beyond
 * for unrelated ones) and the mean length of Farneback's dense optical flow in pixels of the measured size.
 * Frames are decoded as grey (FFmpeg's swscale) and shrunk to at most {@code maxSide} pixels a side first, so
 * the cost per frame is bounded whatever the video's size. Index 0 has no previous frame and holds 0.
 *
 * @param change 1 - SSIM per frame (index 0 = 0)
 * @param motion mean optical-flow length per frame in pixels (index 0 = 0)
 * @param fps    the video's frame rate
 * @param width  measured width (after shrinking)
 * @param height measured height
 */
public record FrameChanges(double[] change, double[] motion, double fps, int width, int height) {
    /** 128 px a side: SSIM's 11-pixel window still sees the picture's structure, flow costs ~1 ms a frame. */
    public static final int DEFAULT_MAX_SIDE = 128;

    public int frameCount() { return change.length; }

    /** Decodes every frame of the video once and measures each step. */
    public static FrameChanges measure(Path video, int maxSide) throws ScoreException {
        if (maxSide < 16) {
            throw new IllegalArgumentException("measure at least 16 pixels a side, got " + maxSide);
        }
        // One thread: at 128 px OpenCV's pool costs more than it saves, and scoring often runs beside renders.
        setNumThreads(1);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            grabber.setVideoOption("threads", "1"); // decoded on this thread too: its CPU time is the whole cost
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new ScoreException(video + " is not a video FFmpeg can read (" + e.getMessage() + ")");
            }
            if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
                throw new ScoreException(video + " has no video stream");
            }
            double fps = grabber.getVideoFrameRate();
            double scale = Math.min(1.0, maxSide / (double) Math.max(grabber.getImageWidth(),
                    grabber.getImageHeight()));
            int width = Math.max(8, (int) Math.round(grabber.getImageWidth() * scale));
            int height = Math.max(8, (int) Math.round(grabber.getImageHeight() * scale));
            Series change = new Series();
            Series motion = new Series();
            Mat previous = null;
            try (Size size = new Size(width, height); Mat flow = new Mat(); Mat quality = new Mat()) {
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    Mat grey = new Mat();
                    resize(converter.convert(frame), grey, size, 0, 0, INTER_AREA);
                    if (previous == null) {
                        change.add(0);
                        motion.add(0);
                    } else {
                        change.add(1 - QualitySSIM.compute(previous, grey, quality).get(0));
                        motion.add(meanFlow(previous, grey, flow));
                        previous.close();
                    }
                    previous = grey;
                }
            } finally {
                if (previous != null) {
                    previous.close();
                }
            }
            if (change.size() == 0) {
                throw new ScoreException(video + " holds no frames");
            }
            return new FrameChanges(change.toArray(), motion.toArray(), fps, width, height);
        } catch (FrameGrabber.Exception e) {
            throw new ScoreException("cannot decode " + video + ": " + e.getMessage());
        }
    }

    /** Farneback with OpenCV's usual parameters: 3 levels halving, 15-pixel window, 3 iterations. */
    private static double meanFlow(Mat from, Mat to, Mat flow) {
        calcOpticalFlowFarneback(from, to, flow, 0.5, 3, 15, 3, 5, 1.2, 0);
        try (MatVector xy = new MatVector(); Mat length = new Mat()) {
            split(flow, xy);
            magnitude(xy.get(0), xy.get(1), length);
            return mean(length).get(0);
        }
    }

    /** A growable double array. */
    private static final class Series {
        private double[] values = new double[256];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() { return size; }

        double[] toArray() { return java.util.Arrays.copyOf(values, size); }
    }
}
