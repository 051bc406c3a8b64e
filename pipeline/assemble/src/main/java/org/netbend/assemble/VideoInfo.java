package org.netbend.assemble;

/**
 * What a video file holds, as read back from it by {@link VideoProbe}.
 *
 * @param frameCount      video frames, counted by demuxing every packet
 * @param durationSeconds the video stream's presented duration (first frame's start to last frame's end)
 * @param videoCodec      FFmpeg codec name, e.g. {@code h264}
 * @param pixelFormat     FFmpeg pixel format name, e.g. {@code yuv420p}
 * @param audioCodec      FFmpeg codec name of the first audio stream, e.g. {@code aac}; null when there is none
 * @param fps             the stream's average frame rate
 */
public record VideoInfo(int frameCount, double durationSeconds, int width, int height, String videoCodec,
        String pixelFormat, boolean hasAudio, String audioCodec, double fps) {
}
