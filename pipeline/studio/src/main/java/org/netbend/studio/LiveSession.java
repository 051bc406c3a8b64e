package org.netbend.studio;

import java.nio.file.Path;
import org.netbend.live.LiveLoop;
import org.netbend.live.PlaybackClock;
import org.netbend.live.PushedAudio;

/**
 * What the live page drives: the loop (its controls) and where its audio comes from. Exactly one of the inputs
 * is the page's: {@code microphone} (the page streams PCM), {@code playback} with {@code audio} (the page plays
 * the file and reports its clock), or neither (the machine's input device or a headless file: the page watches
 * and controls).
 *
 * @param prompt the prompt the session starts from
 */
public record LiveSession(LiveLoop loop, String prompt, PushedAudio microphone, PlaybackClock playback, Path audio) {
    public LiveSession {
        if ((playback == null) != (audio == null)) {
            throw new IllegalArgumentException("a played file needs both its clock and its path");
        }
        if (microphone != null && playback != null) {
            throw new IllegalArgumentException("one audio input at a time: the microphone or a played file");
        }
    }

    /** "microphone", "file" or "server" (the machine's own input, or a file on the server's clock). */
    public String mode() {
        return microphone != null ? "microphone" : playback != null ? "file" : "server";
    }
}
