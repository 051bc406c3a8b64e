package org.netbend.plan;

/**
 * Everything one analysis pass learns: the per-frame track, plus what the frame grid cannot hold exactly.
 *
 * @param track       one value per video frame for each requested feature
 * @param info        the file's native properties
 * @param truncated   true when the file was damaged or cut short and only part of it was decoded
 * @param onsetTimes  onset times in seconds, on a 2.9 ms grid (empty unless onset features were requested)
 * @param beatTimes   beat times in seconds (empty unless beat or tempo was requested)
 * @param encoder     the audio encoder behind the code(N) features (fitted on this track or given), or null
 */
public record AudioAnalysis(FeatureTrack track, AudioInfo info, boolean truncated, double[] onsetTimes,
        double[] beatTimes, AudioEncoder encoder) {
    /** Without audio codes. */
    public AudioAnalysis(FeatureTrack track, AudioInfo info, boolean truncated, double[] onsetTimes,
            double[] beatTimes) {
        this(track, info, truncated, onsetTimes, beatTimes, null);
    }
}
