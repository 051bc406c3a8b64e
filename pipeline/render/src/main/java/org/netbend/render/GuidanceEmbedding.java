package org.netbend.render;

/**
 * The guidance-scale embedding LCM-distilled U-Nets take as {@code timestep_cond} instead of classifier-free
 * guidance (diffusers' {@code get_guidance_scale_embedding}, with w = guidance - 1 as the LCM pipeline passes
 * it): {@code [sin(1000 w f_j), cos(1000 w f_j)]}, {@code f_j = exp(-j ln(10000) / (dim/2 - 1))}, zero-padded
 * when the width is odd. Computed in float32 as torch does.
 */
final class GuidanceEmbedding {
    private GuidanceEmbedding() { }

    static float[] of(double guidance, int dim) {
        float w = (float) ((guidance - 1) * 1000.0);
        int half = dim / 2;
        float step = (float) (Math.log(10000.0) / (half - 1));
        float[] out = new float[dim];
        for (int j = 0; j < half; j++) {
            float angle = w * (float) Math.exp(j * -step);
            out[j] = (float) Math.sin(angle);
            out[half + j] = (float) Math.cos(angle);
        }
        return out;
    }
}
