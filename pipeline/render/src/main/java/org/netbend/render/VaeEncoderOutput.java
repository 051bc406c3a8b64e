package org.netbend.render;

import java.util.Arrays;
import java.util.Map;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.onnx.TensorSpec;

/**
 * Reads the latent out of whichever VAE encoder output an export has. The legacy diffusers export returns
 * {@code latent_sample}; newer optimum exports return {@code latent_parameters}, diffusers'
 * DiagonalGaussianDistribution parameters (the mean's channels, then the log-variance's). netbend takes the
 * mean, as {@code latent_dist.mode()}: no draw, so img2img stays deterministic whatever the export.
 */
final class VaeEncoderOutput {
    static final String SAMPLE = "latent_sample";
    static final String PARAMETERS = "latent_parameters";

    private VaeEncoderOutput() { }

    /** The output to read: {@code latent_sample}, else {@code latent_parameters}, else the only output. */
    static String name(Map<String, TensorSpec> outputs) {
        if (outputs.containsKey(SAMPLE)) {
            return SAMPLE;
        }
        if (outputs.containsKey(PARAMETERS)) {
            return PARAMETERS;
        }
        if (outputs.size() == 1) {
            return outputs.keySet().iterator().next();
        }
        throw new RenderException("the vae_encoder has neither latent_sample nor latent_parameters among its"
                + " outputs " + outputs.values());
    }

    /** The [channels, h, w] latent of a batch-of-one output: all of it, or the mean half of 2 x channels. */
    static float[] latent(Tensor out, int channels) {
        long[] shape = out.shape();
        float[] values = out.floats();
        if (shape.length == 4 && shape[0] == 1 && shape[1] == 2L * channels) {
            return Arrays.copyOf(values, values.length / 2); // NCHW: the first `channels` planes are the mean
        }
        return values;
    }
}
