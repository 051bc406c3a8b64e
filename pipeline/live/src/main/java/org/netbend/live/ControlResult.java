package org.netbend.live;

/**
 * The answer to a control: accepted (with the bend's id when one was added), or refused with the parser's message
 * and the span it points at (start/end in the text, -1 when none); a refused change leaves the session as it was.
 */
public record ControlResult(boolean accepted, int bendId, String message, int start, int end) {
    static ControlResult ok(int bendId) { return new ControlResult(true, bendId, "", -1, -1); }

    static ControlResult refused(String message, int start, int end) {
        return new ControlResult(false, -1, message, start, end);
    }
}
