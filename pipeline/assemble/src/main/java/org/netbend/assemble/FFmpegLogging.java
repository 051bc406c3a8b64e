package org.netbend.assemble;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg prints its own log lines (x264 statistics, muxer notes) straight to stderr at level "info". This is a
 * process-wide native setting, so the library leaves it alone; applications (the CLI, the farm's workers) call
 * {@link #errorsOnly()} once at start-up to keep a progress bar clean.
 */
public final class FFmpegLogging {
    private FFmpegLogging() { }

    public static void errorsOnly() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /** Only fatal lines: for a command that names every file FFmpeg cannot read itself, in one line (score). */
    public static void fatalOnly() {
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }
}
