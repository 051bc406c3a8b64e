package org.netbend.live;

/**
 * The second answer to a control that was {@link ControlResult#preparing}: in effect from frame {@code frame}, or
 * failed with a one-line {@code message} (its site session could not be built; the old bends stay).
 *
 * @param bendId the id the control's answer gave (the bend added, or the new id of an edit; the removed id)
 */
public record ControlEvent(int bendId, boolean inEffect, int frame, String message) {
    static ControlEvent inEffect(int bendId, int frame) { return new ControlEvent(bendId, true, frame, ""); }

    static ControlEvent failed(int bendId, int frame, String message) {
        return new ControlEvent(bendId, false, frame, message);
    }
}
