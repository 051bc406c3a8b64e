package org.netbend.score;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.netbend.farm.BendTracks;
import org.netbend.job.CompiledJob;
import org.netbend.job.JobIds;
import org.netbend.plan.AnalysisOptions;
import org.netbend.plan.AudioAnalyzer;
import org.netbend.plan.AudioException;
import org.netbend.plan.FeatureTrack;
import org.netbend.plan.FeatureTrackIo;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;

/**
 * What a video is scored against: its job's request, the stored features and each bend's parameter track,
 * computed from those with PLAN's own code ({@link BendTracks}), so nothing is analysed or rendered again; only
 * when the stored features lack onsets (no bend read them) are the onsets found in the job's stored audio.
 *
 * @param jobId       the job
 * @param job         its request, decoded and checked
 * @param features    features.json
 * @param tracks      label (the bend's spec, "#n" per parameter) to one value per frame
 * @param onsetFrames the frames holding an audio onset
 */
public record ScoredJob(String jobId, CompiledJob job, FeatureTrack features, BendTracks tracks, int[] onsetFrames) {

    /** The job {@code jobId} in the store. */
    public static ScoredJob fromStore(ObjectStore store, String jobId, Path scratch) throws ScoreException,
            IOException {
        if (jobId == null || !JobIds.PATTERN.matcher(jobId).matches() || jobId.equals(".") || jobId.equals("..")) {
            throw new ScoreException("'" + jobId + "' is not a job id (1..64 of A-Z a-z 0-9 . _ -)");
        }
        JobKeys keys = new JobKeys(jobId);
        Optional<byte[]> request = store.get(keys.request());
        if (request.isEmpty()) {
            throw new ScoreException("job " + jobId + " is not in " + store.describe() + " (no " + keys.request()
                    + "); give the store it was rendered in with --store");
        }
        Optional<byte[]> features = store.get(keys.features());
        if (features.isEmpty()) {
            throw new ScoreException("job " + jobId + " in " + store.describe() + " has no " + keys.features()
                    + " (its PLAN did not finish)");
        }
        CompiledJob job = decode(jobId, new String(request.get(), StandardCharsets.UTF_8));
        FeatureTrack track = FeatureTrackIo.fromJson(features.get());
        int[] onsets = hasOnsets(track) ? onsetFrames(track) : onsetsFromAudio(store, job, track, scratch);
        return new ScoredJob(jobId, job, track, BendTracks.compute(track, job.bends()), onsets);
    }

    /** A job folder copied out of a store: its request.json and the features.json beside it. */
    public static ScoredJob fromFile(Path requestJson) throws ScoreException, IOException {
        Path folder = requestJson.toAbsolutePath().getParent();
        Path features = folder.resolve("features.json");
        String json;
        FeatureTrack track;
        try {
            json = Files.readString(requestJson, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScoreException("--job " + requestJson + " does not exist");
        }
        try {
            track = FeatureTrackIo.readJson(features);
        } catch (NoSuchFileException e) {
            throw new ScoreException("--job " + requestJson + " has no features.json beside it (copy the job's"
                    + " folder from the store)");
        }
        String id = folder.getFileName() == null ? "job" : folder.getFileName().toString();
        CompiledJob job = decode(requestJson.toString(), json);
        return new ScoredJob(id, job, track, BendTracks.compute(track, job.bends()),
                hasOnsets(track) ? onsetFrames(track) : new int[0]);
    }

    private static CompiledJob decode(String what, String json) throws ScoreException {
        try {
            return CompiledJob.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new ScoreException("the request of job " + what + " cannot be read: " + e.getMessage());
        }
    }

    private static boolean hasOnsets(FeatureTrack track) {
        return track.onsetTimes().length > 0 || track.has("onset");
    }

    private static int[] onsetFrames(FeatureTrack track) {
        return OnsetsSeen.frames(track.onsetTimes(), track.fps(), track.frameCount());
    }

    /** The onset detector PLAN runs, on the job's stored audio at the job's frame rate. */
    private static int[] onsetsFromAudio(ObjectStore store, CompiledJob job, FeatureTrack track, Path scratch)
            throws IOException, ScoreException {
        Path audio = Files.createTempFile(scratch, "score-audio-", ".bin");
        try {
            store.getFile(job.request().audioKey(), audio);
            FeatureTrack onsets = AudioAnalyzer.analyze(audio,
                    AnalysisOptions.defaults(track.fps()).withFeatures(Set.of("onset")));
            return OnsetsSeen.frames(onsets.onsetTimes(), track.fps(), track.frameCount());
        } catch (AudioException e) {
            throw new ScoreException("cannot find the onsets of job " + job.jobId() + "'s audio: " + e.getMessage());
        } finally {
            Files.deleteIfExists(audio);
        }
    }
}
