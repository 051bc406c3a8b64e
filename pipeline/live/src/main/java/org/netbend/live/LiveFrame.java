package org.netbend.live;

import org.netbend.core.RgbImage;

/**
 * A rendered frame: frame n shows the audio of [n/fps, (n+1)/fps), due when that audio has been heard.
 *
 * @param index       the frame's index on the session's frame grid
 * @param dueSeconds  (n+1)/fps: when its audio had been heard
 * @param doneSeconds the loop's clock when the image was ready; latency = done − due
 * @param bendIds     the ids of the bends live at that frame, in order
 * @param params      params[b][p] of those bends
 */
public record LiveFrame(int index, double dueSeconds, double doneSeconds, RgbImage image, int[] bendIds,
        double[][] params) {
    public double latencySeconds() { return doneSeconds - dueSeconds; }
}
