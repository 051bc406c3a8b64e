package org.netbend.render.toy;

/**
 * What the toy-model generator builds.
 *
 * @param textWidth     width of the text embedding (SD v1: 768); small keeps the files tiny
 * @param coarseFactor  the colour texture lives on a grid of coarseFactor x coarseFactor latent blocks
 * @param textureGain   how strongly the initial noise's coarse visible pattern (mean removed) is amplified into
 *                      a colour texture over the scene: the prior std of a block is textureGain times the std
 *                      of unit noise averaged over a block (0 = none)
 * @param dcGain        the same for each channel's mean: a constant added to x_T survives in the final latent
 *                      times about dcGain (below 1: denoising partly undoes early global shifts)
 * @param layoutGain    the same for the layout field: the 4x4-cell pattern of the latent's component along the
 *                      direction the VAE decoder cannot see (see README); it keeps that pattern alive to the end
 * @param layoutWarp    how far the layout field moves the scene: displacement = layoutWarp x gradient of the
 *                      unit-RMS layout pattern, in frame widths per unit slope (0 = the scene never moves)
 * @param fp16          float16 inputs and outputs at every model boundary, as in fp16 SD exports
 * @param heavyChannels channels of the extra convolution stack (0 = none); a compute-heavy U-Net for benchmarks
 * @param heavyLayers   3x3 convolution layers in that stack
 */
public record ToyModelSpec(int textWidth, int coarseFactor, double textureGain, double dcGain, double layoutGain,
        double layoutWarp, boolean fp16, int heavyChannels, int heavyLayers) {

    /** The toy model every test and {@code --model toy} use. */
    public static final ToyModelSpec DEFAULT = new ToyModelSpec(64, 4, 1.0, 0.5, 24, 0.05, false, 0, 0);

    public ToyModelSpec {
        if (textWidth < 1 || coarseFactor < 1) {
            throw new IllegalArgumentException("textWidth and coarseFactor must be positive");
        }
        for (double gain : new double[] {textureGain, dcGain, layoutGain, layoutWarp}) {
            if (!(gain >= 0) || !Double.isFinite(gain)) {
                throw new IllegalArgumentException("gains and warp must be finite numbers >= 0, got textureGain "
                        + textureGain + ", dcGain " + dcGain + ", layoutGain " + layoutGain + ", layoutWarp " + layoutWarp);
            }
        }
        if (heavyChannels < 0 || heavyLayers < 0 || (heavyChannels == 0) != (heavyLayers == 0)) {
            throw new IllegalArgumentException("heavyChannels and heavyLayers must both be 0 or both positive");
        }
    }

    /**
     * All gains and the warp 0: the U-Net always predicts the noise that leads to the prompt's (unwarped) scene
     * latent, whatever the input; the samplers' closed forms hold exactly.
     */
    public ToyModelSpec withoutNoiseCoupling() {
        return new ToyModelSpec(textWidth, coarseFactor, 0, 0, 0, 0, fp16, heavyChannels, heavyLayers);
    }

    public ToyModelSpec withFp16(boolean half) {
        return new ToyModelSpec(textWidth, coarseFactor, textureGain, dcGain, layoutGain, layoutWarp, half,
                heavyChannels, heavyLayers);
    }

    public ToyModelSpec withHeavyUnet(int channels, int layers) {
        return new ToyModelSpec(textWidth, coarseFactor, textureGain, dcGain, layoutGain, layoutWarp, fp16,
                channels, layers);
    }

    /** A folder name that differs whenever the generated files would. */
    public String folderName() {
        if (equals(DEFAULT)) {
            return "toy-" + ToyModelGenerator.VERSION;
        }
        return "toy-" + ToyModelGenerator.VERSION + "-w" + textWidth + "-k" + coarseFactor + "-t" + textureGain
                + "-d" + dcGain + "-l" + layoutGain + "-x" + layoutWarp
                + (fp16 ? "-fp16" : "") + (heavyLayers > 0 ? "-heavy" + heavyChannels + "x" + heavyLayers : "");
    }
}
