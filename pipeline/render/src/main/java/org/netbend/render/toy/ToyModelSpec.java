package org.netbend.render.toy;

/**
 * What the toy-model generator builds.
 *
 * @param textWidth     width of the text embedding (SD v1: 768); small keeps the files tiny
 * @param coarseFactor    the composition lives on a grid of coarseFactor x coarseFactor latent blocks
 * @param compositionGain how strongly the initial noise's coarse pattern (mean removed) is amplified into the
 *                        picture's composition: the prior std of a coarse cell is compositionGain / coarseFactor,
 *                        the std of unit noise averaged over a cell (0 = the prompt target alone)
 * @param dcGain          the same for each channel's mean: a constant added to x_T survives in the final latent
 *                        times about dcGain (below 1: denoising partly undoes early global shifts)
 * @param fp16          float16 inputs and outputs at every model boundary, as in fp16 SD exports
 * @param heavyChannels channels of the extra convolution stack (0 = none); a compute-heavy U-Net for benchmarks
 * @param heavyLayers   3x3 convolution layers in that stack
 */
public record ToyModelSpec(int textWidth, int coarseFactor, double compositionGain, double dcGain, boolean fp16,
        int heavyChannels, int heavyLayers) {

    /** The toy model every test and {@code --model toy} use. */
    public static final ToyModelSpec DEFAULT = new ToyModelSpec(64, 4, 2.0, 0.5, false, 0, 0);

    public ToyModelSpec {
        if (textWidth < 1 || coarseFactor < 1) {
            throw new IllegalArgumentException("textWidth and coarseFactor must be positive");
        }
        if (!(compositionGain >= 0 && dcGain >= 0) || !Double.isFinite(compositionGain) || !Double.isFinite(dcGain)) {
            throw new IllegalArgumentException("gains must be finite numbers >= 0, got " + compositionGain + ", " + dcGain);
        }
        if (heavyChannels < 0 || heavyLayers < 0 || (heavyChannels == 0) != (heavyLayers == 0)) {
            throw new IllegalArgumentException("heavyChannels and heavyLayers must both be 0 or both positive");
        }
    }

    /** Gains 0: the U-Net always predicts the noise that leads to the prompt's target latent. */
    public ToyModelSpec withoutNoiseCoupling() {
        return new ToyModelSpec(textWidth, coarseFactor, 0, 0, fp16, heavyChannels, heavyLayers);
    }

    public ToyModelSpec withFp16(boolean half) {
        return new ToyModelSpec(textWidth, coarseFactor, compositionGain, dcGain, half, heavyChannels, heavyLayers);
    }

    public ToyModelSpec withHeavyUnet(int channels, int layers) {
        return new ToyModelSpec(textWidth, coarseFactor, compositionGain, dcGain, fp16, channels, layers);
    }

    /** A folder name that differs whenever the generated files would. */
    public String folderName() {
        if (equals(DEFAULT)) {
            return "toy-" + ToyModelGenerator.VERSION;
        }
        return "toy-" + ToyModelGenerator.VERSION + "-w" + textWidth + "-k" + coarseFactor + "-g" + compositionGain + "-d" + dcGain
                + (fp16 ? "-fp16" : "") + (heavyLayers > 0 ? "-heavy" + heavyChannels + "x" + heavyLayers : "");
    }
}
