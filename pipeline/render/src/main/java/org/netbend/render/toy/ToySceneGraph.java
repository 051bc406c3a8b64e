package org.netbend.render.toy;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Adds the toy U-Net's prompt picture to a graph: a small scene of soft shapes, drawn in RGB (-1..1) on frame
 * coordinates that the caller may warp. Every number that places or colours a shape is one of the prompt's
 * {@link #PARAMETERS} coefficients in -1..1, so all colours are 0 (a blank scene) when the coefficients are 0.
 *
 * <p>Layers, back to front: a two-colour background split by a tilted soft horizon; two sets of thin parallel
 * lines (both strong: a mesh); {@link #DISCS} soft discs. Each layer is alpha-composited over the ones below:
 * {@code img += alpha * (colour - img)}.
 */
final class ToySceneGraph {
    static final int DISCS = 3;

    // coefficient layout
    static final int SKY = 0;            // 3: RGB above the horizon
    static final int GROUND = 3;         // 3: RGB below it
    static final int HORIZON = 6;        // height (0.5 +- 0.25 of the frame)
    static final int TILT = 7;           // slope (+- 0.4)
    static final int LINE_COLOUR = 8;    // 3
    static final int LINES = 11;         // 2 sets x (kx, ky, phase, strength)
    static final int DISC = LINES + 8;   // DISCS x (cx, cy, radius, R, G, B)
    static final int PARAMETERS = DISC + 6 * DISCS;

    static final float COLOUR = 0.85f;
    static final float HORIZON_RANGE = 0.25f;
    static final float TILT_RANGE = 0.4f;
    static final float HORIZON_SOFTNESS = 0.02f;
    static final float LINE_FREQUENCY = 4f;      // cycles per frame at coefficient 1
    static final float LINE_WIDTH = 0.85f;       // cos above this is on a line
    static final float LINE_SOFTNESS = 0.04f;
    static final float DISC_CENTRE_RANGE = 0.3f;
    static final float DISC_RADIUS = 0.14f;
    static final float DISC_RADIUS_RANGE = 0.07f;
    static final float DISC_SOFTNESS = 0.012f;

    private final OnnxGraphBuilder g;
    private final String coefficients;

    /** @param coefficients a {@code [batch, PARAMETERS]} tensor in -1..1 */
    ToySceneGraph(OnnxGraphBuilder g, String coefficients) {
        this.g = g;
        this.coefficients = coefficients;
    }

    /**
     * The scene; returns {@code [batch, 3, H, W]}.
     *
     * @param u          frame coordinates 0..1 left to right, {@code [1, 1, 1, W]}
     * @param v          0..1 top to bottom, {@code [1, 1, H, 1]}
     * @param warpedU    where the background is drawn from, {@code [batch, 1, H, W]}
     * @param warpedV    the same for v
     * @param discShift  given a disc's centre (u, v), each {@code [batch, 1, 1, 1]}, how far it moves (u, v)
     */
    String render(String u, String v, String warpedU, String warpedV,
            BiFunction<String, String, List<String>> discShift) {
        String backgroundU = warpedU;
        String backgroundV = warpedV;
        // background: ground, with the sky over it above the (tilted) horizon
        String horizon = g.op("Add", List.of(scalar(HORIZON, 0.5f, HORIZON_RANGE), g.op("Mul", List.of(
                scalar(TILT, 0, TILT_RANGE), g.op("Sub", List.of(backgroundU, constant(0.5f)))))));
        String sky = g.op("Sigmoid", List.of(g.op("Div", List.of(g.op("Sub", List.of(horizon, backgroundV)),
                constant(HORIZON_SOFTNESS)))));
        String image = composite(colour(GROUND), sky, colour(SKY));

        // two sets of thin straight lines: the level sets cos(2 pi (kx u + ky v) + phase) near 1
        String lineColour = colour(LINE_COLOUR);
        for (int set = 0; set < 2; set++) {
            int at = LINES + 4 * set;
            String phase = g.op("Add", List.of(
                    g.op("Mul", List.of(g.op("Add", List.of(
                            g.op("Mul", List.of(scalar(at, 0, LINE_FREQUENCY), backgroundU)),
                            g.op("Mul", List.of(scalar(at + 1, 0, LINE_FREQUENCY), backgroundV)))), constant((float) (2 * Math.PI)))),
                    scalar(at + 2, 0, (float) Math.PI)));
            String onLine = g.op("Sigmoid", List.of(g.op("Div", List.of(
                    g.op("Sub", List.of(g.op("Cos", List.of(phase)), constant(LINE_WIDTH))), constant(LINE_SOFTNESS)))));
            // strength sigmoid(4 q - 1): most prompts draw faint lines, some a clear grid
            String strength = g.op("Sigmoid", List.of(scalar(at + 3, -1, 4)));
            image = composite(image, g.op("Mul", List.of(onLine, strength)), lineColour);
        }

        // soft discs on top
        for (int d = 0; d < DISCS; d++) {
            int at = DISC + 6 * d;
            String cu = scalar(at, 0.5f, DISC_CENTRE_RANGE);
            String cv = scalar(at + 1, 0.5f, DISC_CENTRE_RANGE);
            List<String> shift = discShift.apply(cu, cv);
            String dx = g.op("Sub", List.of(u, g.op("Add", List.of(cu, shift.get(0)))));
            String dy = g.op("Sub", List.of(v, g.op("Add", List.of(cv, shift.get(1)))));
            String distance = g.op("Sqrt", List.of(g.op("Add", List.of(g.op("Add", List.of(
                    g.op("Mul", List.of(dx, dx)), g.op("Mul", List.of(dy, dy)))), constant(1e-8f)))));
            String inside = g.op("Sigmoid", List.of(g.op("Div", List.of(g.op("Sub", List.of(
                    scalar(at + 2, DISC_RADIUS, DISC_RADIUS_RANGE), distance)), constant(DISC_SOFTNESS)))));
            image = composite(image, inside, colour(at + 3));
        }
        return image;
    }

    /** {@code below + alpha * (colour - below)}. */
    private String composite(String below, String alpha, String colour) {
        return g.op("Add", List.of(below, g.op("Mul", List.of(alpha, g.op("Sub", List.of(colour, below))))));
    }

    /** {@code offset + range * q[index]} as {@code [batch, 1, 1, 1]}. */
    private String scalar(int index, float offset, float range) {
        String q = pick(new long[] {index}, 1);
        return g.op("Add", List.of(constant(offset), g.op("Mul", List.of(q, constant(range)))));
    }

    /** {@code COLOUR * q[index..index+2]} as {@code [batch, 3, 1, 1]}. */
    private String colour(int index) {
        return g.op("Mul", List.of(pick(new long[] {index, index + 1, index + 2}, 3), constant(COLOUR)));
    }

    private String pick(long[] indices, int count) {
        String picked = g.op("Gather", List.of(coefficients,
                g.constantLongs(g.uniqueName("scene_index"), indices, indices.length)), OnnxGraphBuilder.intAttr("axis", 1));
        return g.op("Reshape", List.of(picked, g.constantLongs(g.uniqueName("scene_shape"), new long[] {-1, count, 1, 1}, 4)));
    }

    private String constant(float value) {
        return g.scalar(value);
    }
}
