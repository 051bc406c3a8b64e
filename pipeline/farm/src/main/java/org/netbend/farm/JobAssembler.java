package org.netbend.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netbend.assemble.AssembleException;
import org.netbend.assemble.VideoAssembler;
import org.netbend.assemble.VideoInfo;
import org.netbend.assemble.VideoSettings;
import org.netbend.job.JobRequest;
import org.netbend.job.JobStatus;
import org.netbend.store.JobKeys;
import org.netbend.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ASSEMBLE stage without Flink around it: concatenate the segments' chunks by stream copy, mux the
 * job's audio (by stream copy too when PLAN stored it as AAC), check the result by reading it back, and publish
 * video.mp4 and status.json.
 */
public final class JobAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(JobAssembler.class);
    private final ObjectStore store;
    private final Path workDir;

    public JobAssembler(ObjectStore store, Path workDir) {
        this.store = store;
        this.workDir = workDir;
    }

    /**
     * @param force build the video even if the store already has one for this job
     * @return true if a video was built, false if the stored one was kept
     */
    public boolean assemble(String jobId, int segmentCount, int totalFrames, boolean force) throws IOException {
        JobKeys keys = new JobKeys(jobId);
        if (!force && store.exists(keys.video()) && store.exists(keys.status())) {
            return false;
        }
        JobRequest request = JobRequest.fromJson(new String(store.get(keys.request())
                .orElseThrow(() -> new IOException("job " + jobId + " has no request.json in " + store.describe())),
                StandardCharsets.UTF_8));
        Path dir = TempFiles.stageDir(workDir, "assemble", jobId);
        try {
            List<Path> chunks = new ArrayList<>(segmentCount);
            for (int s = 0; s < segmentCount; s++) {
                Path chunk = dir.resolve(String.format(Locale.ROOT, "%05d.mp4", s));
                store.getFile(ChunkSettings.key(request, s), chunk);
                chunks.add(chunk);
            }
            Path video = dir.resolve("video.mp4");
            VideoInfo info = joinWithAudio(keys, request, chunks, dir, video);
            if (info.frameCount() != totalFrames) {
                throw new IOException("assembled video of job " + jobId + " has " + info.frameCount()
                        + " frames, expected " + totalFrames);
            }
            if (!info.hasAudio()) {
                throw new IOException("assembled video of job " + jobId + " has no audio stream");
            }
            store.putFile(keys.video(), video);
            store.put(keys.status(), status(jobId, info).toJson().getBytes(StandardCharsets.UTF_8));
            return true;
        } finally {
            TempFiles.deleteTree(dir);
        }
    }

    /**
     * Muxes the AAC track PLAN encoded by stream copy when the store has it; otherwise (an older job, or PLAN
     * stopped before storing it) or when it does not fit the video, encodes the request's audio as before.
     */
    private VideoInfo joinWithAudio(JobKeys keys, JobRequest request, List<Path> chunks, Path dir, Path video)
            throws IOException {
        VideoSettings settings = VideoSettings.defaults(request.videoFps());
        Path track = dir.resolve("audio.m4a");
        if (store.exists(keys.encodedAudio())) {
            try {
                store.getFile(keys.encodedAudio(), track);
                return VideoAssembler.concatWithAacTrack(chunks, track, video, settings, keys.jobId());
            } catch (AssembleException e) {
                LOG.warn("Cannot mux the stored AAC track of job {} by stream copy, encoding the audio instead: {}",
                        keys.jobId(), e.getMessage());
            }
        }
        Path audio = dir.resolve("audio-" + request.audioName().replaceAll("[^A-Za-z0-9._-]", "_"));
        store.getFile(request.audioKey(), audio);
        return VideoAssembler.concatWithAudio(chunks, audio, video, settings, keys.jobId());
    }

    private static JobStatus status(String jobId, VideoInfo info) {
        return new JobStatus(jobId, JobStatus.DONE, info.frameCount(), info.durationSeconds(), info.width(),
                info.height(), info.videoCodec(), info.pixelFormat(), info.audioCodec());
    }
}
