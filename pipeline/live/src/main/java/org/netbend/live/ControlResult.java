package org.netbend.live;

/**
 * The answer to a control: accepted (with the bend's id when one was added), or refused with the parser's message
 * and the span it points at (start/end in the text, -1 when none); a refused change leaves the session as it was.
 * {@code preparing}: accepted, but its site bends need a U-Net session that is being built off the loop; the old
 * bends render meanwhile and a {@link ControlEvent} says from which frame it is in effect (or why it failed).
 */
public record ControlResult(boolean accepted, int bendId, String message, int start, int end, boolean preparing) {
    static ControlResult ok(int bendId) { return new ControlResult(true, bendId, "", -1, -1, false); }

    static ControlResult preparing(int bendId, String message) {
        return new ControlResult(true, bendId, message, -1, -1, true);
    }

    static ControlResult refused(String message, int start, int end) {
        return new ControlResult(false, -1, message, start, end, false);
    }
}
