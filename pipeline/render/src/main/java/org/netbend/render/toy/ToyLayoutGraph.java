package org.netbend.render.toy;

import static org.netbend.render.toy.OnnxGraphBuilder.intAttr;
import static org.netbend.render.toy.OnnxGraphBuilder.intsAttr;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds the toy U-Net's layout to a graph: the low-frequency pattern of the latent along the direction the VAE
 * decoder cannot see (the unit null vector n of the latent-to-RGB matrix), which decides where the scene's
 * shapes sit.
 *
 * <p>The pattern is the latent's projection (along n) on the {@link #MODES} lowest 2-D cosine modes
 * {@code phi_ab(u, v) = cos(pi a u) cos(pi b v)}, {@code 0 <= a, b <= MAX_FREQUENCY}, not both 0, sampled at the
 * latent cells' centres, where they are exactly orthogonal (DCT-II). So projecting the field rebuilt from the
 * coefficients gives those coefficients back, and along a DDIM trajectory, whose update is linear in x and in
 * the U-Net's prediction of this field, all coefficients scale by one common factor: scaled to unit RMS, the
 * pattern x_T starts with is the pattern at every step. The composition is chosen by the noise, once.
 */
final class ToyLayoutGraph {
    static final int MAX_FREQUENCY = 2;
    static final int MODES = (MAX_FREQUENCY + 1) * (MAX_FREQUENCY + 1) - 1;

    private final OnnxGraphBuilder g;
    private final String frequencyU;
    private final String frequencyV;
    private final String basis;
    private final String coefficients;
    private final String unit;
    private String modeAxis;

    /**
     * @param x latent {@code [batch, 4, H, W]}
     * @param u frame coordinate of the cell centres, {@code [1, 1, 1, W]}
     * @param v the same down the frame, {@code [1, 1, H, 1]}
     */
    ToyLayoutGraph(OnnxGraphBuilder g, String x, String u, String v, float[] nullDirection) {
        this.g = g;
        float[] fu = new float[MODES];
        float[] fv = new float[MODES];
        int m = 0;
        for (int a = 0; a <= MAX_FREQUENCY; a++) {
            for (int b = 0; b <= MAX_FREQUENCY; b++) {
                if (a + b > 0) {
                    fu[m] = (float) (Math.PI * a);
                    fv[m] = (float) (Math.PI * b);
                    m++;
                }
            }
        }
        frequencyU = g.constant("layout_frequency_u", fu, 1, MODES, 1, 1);
        frequencyV = g.constant("layout_frequency_v", fv, 1, MODES, 1, 1);
        basis = g.op("Mul", List.of(cos(frequencyU, u), cos(frequencyV, v)));               // [1, MODES, H, W]
        String along = g.op("Conv", List.of(x, g.constant("null_direction_in", nullDirection, 1, 4, 1, 1)));
        String spatial = g.constantLongs("layout_axes_spatial", new long[] {2, 3}, 2);
        String energy = g.op("ReduceSum", List.of(g.op("Mul", List.of(basis, basis)), spatial), intAttr("keepdims", 1));
        coefficients = g.op("Div", List.of(g.op("ReduceSum", List.of(g.op("Mul", List.of(along, basis)), spatial),
                intAttr("keepdims", 1)), energy));                                          // [batch, MODES, 1, 1]
        // RMS of the field sum_k c_k phi_k is sqrt(sum_k c_k^2 mean(phi_k^2)) by orthogonality
        String meanSquare = g.op("ReduceMean", List.of(g.op("Mul", List.of(basis, basis))), intsAttr("axes", 2, 3),
                intAttr("keepdims", 1));
        String rms = g.op("Sqrt", List.of(g.op("Add", List.of(sum(
                g.op("Mul", List.of(g.op("Mul", List.of(coefficients, coefficients)), meanSquare))), g.scalar(1e-12f)))));
        unit = g.op("Div", List.of(coefficients, rms));
    }

    /** The latent's own layout field along n, {@code [batch, 1, H, W]}: its projection on the modes. */
    String field() {
        return sum(g.op("Mul", List.of(coefficients, basis)));
    }

    /**
     * The slope (d/du, d/dv) of the unit-RMS layout at frame points {@code (u, v)} (any shapes that broadcast
     * against {@code [batch, MODES, 1, 1]} on the first two axes), each {@code [batch, 1, ., .]}.
     */
    List<String> slopeAt(String u, String v) {
        List<String> slope = new ArrayList<>();
        String du = g.op("Mul", List.of(g.op("Mul", List.of(g.op("Neg", List.of(frequencyU)), sin(frequencyU, u))),
                cos(frequencyV, v)));
        String dv = g.op("Mul", List.of(cos(frequencyU, u),
                g.op("Mul", List.of(g.op("Neg", List.of(frequencyV)), sin(frequencyV, v)))));
        slope.add(sum(g.op("Mul", List.of(unit, du))));
        slope.add(sum(g.op("Mul", List.of(unit, dv))));
        return slope;
    }

    private String sum(String modes) {
        if (modeAxis == null) {
            modeAxis = g.constantLongs("layout_axis_modes", new long[] {1}, 1);
        }
        return g.op("ReduceSum", List.of(modes, modeAxis), intAttr("keepdims", 1));
    }

    private String cos(String frequency, String coordinate) {
        return g.op("Cos", List.of(g.op("Mul", List.of(frequency, coordinate))));
    }

    private String sin(String frequency, String coordinate) {
        return g.op("Sin", List.of(g.op("Mul", List.of(frequency, coordinate))));
    }
}
