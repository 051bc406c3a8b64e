package org.netbend.render.site;

/** A site with the shape of its activation for one frame (batch 1). */
public record SiteShape(String site, String tensor, long channels, long height, long width) {

    /** {@code mid  1280 x 8 x 8  (/mid_block/resnets.1/Add_1_output_0)} */
    public String describe(int nameWidth) {
        return String.format("%-" + nameWidth + "s %5d x %d x %d   %s", site, channels, height, width, tensor);
    }
}
