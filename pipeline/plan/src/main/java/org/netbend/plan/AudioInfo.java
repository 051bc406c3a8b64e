package org.netbend.plan;

import java.nio.file.Path;

/**
 * What a probe learns about an audio file before decoding it.
 *
 * @param file            the file probed
 * @param durationSeconds the container's duration (an estimate for some formats; the decoded sample count is the
 *                        authority for frame counts)
 * @param sampleRate      the stream's native sample rate in Hz
 * @param channels        the stream's native channel count
 * @param codec           FFmpeg's codec name, e.g. {@code pcm_s16le}, {@code mp3}, {@code opus}
 * @param format          FFmpeg's container name, e.g. {@code wav}, {@code mov,mp4,m4a,3gp,3g2,mj2}
 */
public record AudioInfo(Path file, double durationSeconds, int sampleRate, int channels, String codec,
        String format) { }
