package org.netbend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netbend.job.JobEvent;
import org.netbend.job.ProgressEvent;

/** The album's bar and its track lines, as a log (not a console) shows them. */
class AlbumProgressTest {
    private static JobEvent frame(String job, int frame, int total) {
        return JobEvent.frame(job, 0, frame, false, total, 1, 0);
    }

    @Test
    void oneBarForTheAlbumAndALineWhenATrackStartsAndEnds() {
        StringWriter text = new StringWriter();
        AlbumProgress progress = new AlbumProgress(new PrintWriter(text, true), false, List.of("j1", "j2"),
                List.of("01 intro", "02 outro"), List.of(2, 3));

        progress.frame(frame("j1", 0, 2));
        progress.frame(frame("j1", 0, 2)); // a retried frame counts once
        progress.frame(frame("j1", 1, 2));
        progress.frame(frame("j2", 0, 3));
        progress.event(JobEvent.done("j1", 2, 1, new long[JobEvent.Stage.values().length], "jobs/j1/video.mp4"));
        progress.frame(frame("j2", 1, 3));
        progress.frame(frame("j2", 2, 3));
        progress.ended("j2", "DONE, 3 frames");
        progress.ended("j2", "DONE, 3 frames"); // once
        progress.finish();

        List<String> lines = text.toString().lines().toList();
        assertEquals(List.of("track 1/2 01 intro: rendering (job j1)", "track 2/2 02 outro: rendering (job j2)",
                "track 1/2 01 intro: done, 2 frames", "track 2/2 02 outro: DONE, 3 frames"),
                lines.stream().filter(l -> l.startsWith("track")).toList());
        List<String> bars = lines.stream().filter(l -> l.startsWith("album [")).toList();
        assertTrue(bars.get(0).contains(" 1/5 frames") && bars.get(0).contains("tracks 0/2 done, rendering 1"), bars.get(0));
        assertTrue(bars.get(bars.size() - 1).contains(" 5/5 frames") && bars.get(bars.size() - 1).contains("tracks 2/2 done"),
                bars.get(bars.size() - 1));
        assertEquals(bars.size(), bars.stream().distinct().count(), "a log line per tenth at most, never repeated");
    }

    @Test
    void serviceProgressOfEachTrackMovesTheAlbumBar() {
        StringWriter text = new StringWriter();
        AlbumProgress progress = new AlbumProgress(new PrintWriter(text, true), false, List.of("a", "b"),
                List.of("a", "b"), List.of(10, 10));
        progress.service("a").progress(new ProgressEvent(1, "a", ProgressEvent.Kind.PROGRESS, 5, 10, 1, 1.0, 5.0, -1, -1, ""));
        progress.service("b").progress(new ProgressEvent(1, "b", ProgressEvent.Kind.PROGRESS, 10, 10, 1, 1.0, 0.0, -1, -1, ""));
        progress.finish();
        assertTrue(text.toString().contains(" 15/20 frames"), text.toString());
    }
}
