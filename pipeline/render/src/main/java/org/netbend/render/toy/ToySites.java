package org.netbend.render.toy;

import java.util.List;
import org.netbend.render.toy.onnx.OnnxIr.TensorProto.DataType;

/**
 * The toy U-Net's internal sites, named as a diffusers export scopes its nodes ({@code /down_blocks.0/...},
 * {@code /mid_block/...}, {@code /up_blocks.1/attentions.0/...}), so the site code that reads real exports
 * finds them the same way. Each site is an Identity node on a tensor the toy already computes, so the toy's
 * numbers do not change. Like a U-Net, the early sites see the noise's composition and the late ones the
 * picture being formed:
 *
 * <ul>
 *   <li>{@code down.0}: x_t as the layout analysis reads it (the composition is chosen from this);</li>
 *   <li>{@code down.1}: the residual {@code x_t - sqrt(a) T} the texture and mean paths start from;</li>
 *   <li>{@code mid}: the residual pooled to the coarse grid (the lowest resolution);</li>
 *   <li>{@code up.0}: the coarse residual upsampled back to the latent size;</li>
 *   <li>{@code up.1}: the layout field along the decoder's blind direction;</li>
 *   <li>{@code up.1.attn.0}: the prompt's scene in latent space (where the text comes in);</li>
 *   <li>{@code up.2}: the visible texture the prediction adds to the scene (fine detail and colour, like the
 *       last up block of SD, which works at full resolution just before the output convolution).</li>
 * </ul>
 */
enum ToySites {
    DOWN_0("/down_blocks.0"),
    DOWN_1("/down_blocks.1"),
    MID("/mid_block"),
    UP_0("/up_blocks.0"),
    UP_1("/up_blocks.1"),
    UP_1_ATTN_0("/up_blocks.1/attentions.0"),
    UP_2("/up_blocks.2");

    private final String scope;

    ToySites(String scope) {
        this.scope = scope;
    }

    /**
     * Passes {@code tensor} through this site's Identity node and returns the node's output, which the rest of
     * the graph must read instead. {@code size} is the side at a 64x64 latent, for the declared shape.
     */
    String mark(OnnxGraphBuilder g, String tensor, int size) {
        String output = scope + "/Identity_output_0";
        g.namedNode(scope + "/Identity", "Identity", List.of(tensor), output, DataType.FLOAT, "batch", 4,
                size == 64 ? "height" : "coarse_height", size == 64 ? "width" : "coarse_width");
        return output;
    }
}
