package org.netbend.cli;

import java.util.BitSet;
import org.netbend.job.JobEvent;

/**
 * Feeds the progress bar from two sources: frames as the render slots make them (live, possibly repeated after
 * a retry) and the job's event stream (late, a segment at a time). Each frame counts once; the bar never goes back.
 */
final class FrameCounter {
    private final FrameProgress bar;
    private final BitSet seen = new BitSet();
    private int done;

    FrameCounter(FrameProgress bar) {
        this.bar = bar;
    }

    /** A frame event from a render slot's thread. */
    synchronized void frame(JobEvent event) {
        if (event.kind() != JobEvent.Kind.FRAME || seen.get(event.frame())) {
            return;
        }
        seen.set(event.frame());
        if (event.resumed()) {
            bar.resumed(1);
        }
        show(seen.cardinality(), event.totalFrames());
    }

    /** An event of the job's stream, whose frame count comes from the assembler. */
    synchronized void event(JobEvent event) {
        show(event.framesDone(), event.totalFrames());
    }

    private void show(int count, int total) {
        done = Math.max(done, count);
        bar.update(done, total);
    }
}
