package org.netbend.core;

/**
 * The hook through which a sampler lets bends act on the latent (DESIGN.md section 2).
 *
 * <p>The sampler calls it with {@code layer = k} for the latent entering step {@code k} of the steps it
 * actually runs (before the U-Net call; the bent latent is also the x of that step's update), and once
 * more with {@code layer == layers} on the final latent before the VAE decode. For img2img, {@code layers}
 * is the number of steps run, not the nominal step count.
 */
@FunctionalInterface
public interface LatentBender {

    /** Leaves the latent alone. */
    LatentBender NONE = (layer, layers, latent) -> { };

    /**
     * @param layer  0 .. layers; {@code layer == layers} is the final latent
     * @param layers the number of sampler steps actually run for this frame
     * @param latent the frame's latent, changed in place
     */
    void bend(int layer, int layers, Latent latent);
}
