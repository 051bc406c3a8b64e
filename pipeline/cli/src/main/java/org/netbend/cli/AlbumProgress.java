package org.netbend.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netbend.job.JobEvent;
import org.netbend.service.client.ProgressListener;

/**
 * An album's progress: one bar for all its frames, with how many tracks are done and which are rendering, and a
 * line of its own when a track starts and when it ends. Each track's frames are counted as a single render counts
 * them ({@link FrameCounter}, {@link ServiceProgress}), so a frame counts once and a track never goes back.
 */
final class AlbumProgress {
    private final ProgressBar bar;
    private final Map<String, Track> tracks = new LinkedHashMap<>();

    /** Tracks in album order: their job ids, names and frame counts as planned (events then give the exact ones). */
    AlbumProgress(PrintWriter out, boolean terminal, List<String> jobIds, List<String> names, List<Integer> frames) {
        this.bar = new ProgressBar(out, terminal, "album");
        for (int i = 0; i < jobIds.size(); i++) {
            tracks.put(jobIds.get(i), new Track(i + 1, names.get(i), jobIds.get(i), frames.get(i)));
        }
    }

    /** A frame event from a render slot's thread (the embedded run's live channel). */
    void frame(JobEvent event) {
        Track track = tracks.get(event.jobId());
        if (track != null) {
            track.frames.frame(event);
        }
    }

    /** An event of the job stream; a DONE ends its track. */
    void event(JobEvent event) {
        Track track = tracks.get(event.jobId());
        if (track == null) {
            return;
        }
        track.frames.event(event);
        if (event.kind() == JobEvent.Kind.DONE) {
            ended(event.jobId(), "done, " + event.totalFrames() + " frames");
        }
    }

    /** The progress of one track's service job, for {@code submit --wait}. */
    ProgressListener service(String jobId) {
        return tracks.get(jobId).service;
    }

    /** The track's job ended: {@code how} says how ("done, 180 frames", "FAILED: ..."). */
    synchronized void ended(String jobId, String how) {
        Track track = tracks.get(jobId);
        if (track == null || track.ended) {
            return;
        }
        track.ended = true;
        track.started = true;
        bar.println(track.label() + ": " + how);
        redraw();
    }

    /** Ends the bar's line (also after a failure). */
    void finish() {
        bar.finish();
    }

    private synchronized void changed(Track track, int done, int total) {
        track.done = Math.max(track.done, done);
        track.total = total;
        if (!track.started) {
            track.started = true;
            bar.println(track.label() + ": rendering (job " + track.jobId + ")");
        }
        redraw();
    }

    private synchronized void resumed(int frames) {
        bar.resumed(frames);
    }

    private void redraw() {
        int done = 0;
        int total = 0;
        int ended = 0;
        StringBuilder rendering = new StringBuilder();
        for (Track track : tracks.values()) {
            done += track.ended ? track.total : track.done;
            total += track.total;
            if (track.ended) {
                ended++;
            } else if (track.started) {
                rendering.append(rendering.length() == 0 ? ", rendering " : ", ").append(track.number);
            }
        }
        bar.update(done, total, String.format(Locale.ROOT, "  tracks %d/%d done%s", ended, tracks.size(), rendering));
    }

    /** One track's share of the bar. */
    private final class Track implements FrameProgress {
        final int number;
        final String name;
        final String jobId;
        final FrameCounter frames = new FrameCounter(this);
        final ServiceProgress service = new ServiceProgress(this);
        int done;
        int total;
        boolean started;
        boolean ended;

        Track(int number, String name, String jobId, int total) {
            this.number = number;
            this.name = name;
            this.jobId = jobId;
            this.total = total;
        }

        String label() {
            return "track " + number + "/" + tracks.size() + " " + Shown.value(name);
        }

        @Override
        public void resumed(int count) {
            AlbumProgress.this.resumed(count);
        }

        @Override
        public void update(int count, int of) {
            changed(this, count, of);
        }
    }
}
