package org.netbend.cli;

import org.netbend.job.ProgressEvent;
import org.netbend.service.client.ProgressListener;

/**
 * Draws a service job's progress events on render's progress bar. Events come at least once and a watch may
 * attach half-way, so the bar never goes back, and frames done before the first event do not count towards the
 * rate.
 */
final class ServiceProgress implements ProgressListener {
    private final FrameProgress bar;
    private int done = -1;

    ServiceProgress(FrameProgress bar) {
        this.bar = bar;
    }

    @Override
    public void progress(ProgressEvent event) {
        if (done < 0) {
            bar.resumed(event.framesDone());
        }
        done = Math.max(done, event.framesDone());
        bar.update(done, event.framesTotal());
    }
}
