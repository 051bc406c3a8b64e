package org.netbend.store;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store layout of one job (DESIGN.md section 3). Numbers are zero-padded so that a sorted listing is in
 * frame order: frames have six digits (index 0..999999), chunks five (segment 0..99999).
 */
public record JobKeys(String jobId) {
    public static final int MAX_FRAME_INDEX = 999_999;
    public static final int MAX_SEGMENT = 99_999;
    private static final Pattern FRAME = Pattern.compile("jobs/[^/]+/frames/(\\d{6})\\.png");
    private static final Pattern CHUNK = Pattern.compile("jobs/[^/]+/chunks/(\\d{5})\\.[a-z0-9-]+\\.mp4");
    private static final Pattern ENCODING = Pattern.compile("[a-z0-9-]{1,64}");

    public JobKeys {
        if (jobId == null || jobId.isEmpty() || jobId.contains("/")) {
            throw new IllegalArgumentException("a job id must be one non-empty path segment, got '" + jobId + "'");
        }
        try {
            StoreKeys.requireValidKey(jobId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job id '" + jobId + "' cannot be used in store keys: " + e.getMessage());
        }
    }

    /** {@code jobs/{jobId}/}: every key of the job starts with this. */
    public String prefix() {
        return "jobs/" + jobId + "/";
    }

    public String request() {
        return prefix() + "request.json";
    }

    public String features() {
        return prefix() + "features.json";
    }

    public String featuresPlot() {
        return prefix() + "features.png";
    }

    public String frame(int index) {
        if (index < 0 || index > MAX_FRAME_INDEX) {
            throw new IllegalArgumentException("frame index must be 0.." + MAX_FRAME_INDEX + ", got " + index);
        }
        return String.format("%sframes/%06d.png", prefix(), index);
    }

    public String framesPrefix() {
        return prefix() + "frames/";
    }

    /**
     * A segment's chunk, named by the encoding that made it ({@code chunks/00012.veryfast-crf18-g40-t1.mp4}): a
     * chunk made with other settings (an older version, another preset) is never taken for this one, so a resumed
     * job never joins chunks of two encodings into one video; the segment is encoded again from its frames.
     *
     * @param encoding what decides the chunk's bytes besides its frames (lower-case letters, digits, '-')
     */
    public String chunk(int segment, String encoding) {
        if (segment < 0 || segment > MAX_SEGMENT) {
            throw new IllegalArgumentException("segment number must be 0.." + MAX_SEGMENT + ", got " + segment);
        }
        if (encoding == null || !ENCODING.matcher(encoding).matches()) {
            throw new IllegalArgumentException("a chunk's encoding must be 1..64 of a-z, 0-9 and '-', got '"
                    + encoding + "'");
        }
        return String.format("%schunks/%05d.%s.mp4", prefix(), segment, encoding);
    }

    public String chunksPrefix() {
        return prefix() + "chunks/";
    }

    public String video() {
        return prefix() + "video.mp4";
    }

    /** The job's audio encoded to AAC by PLAN, as long as the video, for ASSEMBLE to mux by stream copy. */
    public String encodedAudio() {
        return prefix() + "audio.m4a";
    }

    /** Present while a cancel of the job stands; RENDER checks it between frames. */
    public String cancelMarker() {
        return prefix() + "cancel.json";
    }

    public String status() {
        return prefix() + "status.json";
    }

    /** The frame index of a frame key of any job ({@code jobs/x/frames/000042.png} gives 42), else empty. */
    public static OptionalInt frameIndexOf(String key) {
        return number(FRAME.matcher(key));
    }

    /** The segment number of a chunk key of any job, else empty. */
    public static OptionalInt segmentOf(String key) {
        return number(CHUNK.matcher(key));
    }

    private static OptionalInt number(Matcher m) {
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
