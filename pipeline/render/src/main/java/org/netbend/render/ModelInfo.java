package org.netbend.render;

import org.netbend.render.onnx.ElementType;

/**
 * What a loaded model is, read from its ONNX files and configs (never assumed: SD v1 and the toy differ in text
 * width, and fp16 exports in dtypes).
 *
 * @param latentChannels  U-Net sample channels (4 for SD v1)
 * @param latentHeight    default latent height (unet config sample_size, or the declared dimension)
 * @param latentWidth     default latent width
 * @param imageHeight     default image height = latentHeight * 8
 * @param imageWidth      default image width
 * @param textLength      tokens per prompt (77)
 * @param textWidth       width of the text embedding (768 for SD v1)
 * @param timestepType    the U-Net's timestep element type
 * @param unetType        the U-Net's sample element type (FLOAT16 for fp16 exports)
 * @param vaeScale        latent scale factor (0.18215 for SD v1)
 * @param fixedLatentSize true when the U-Net declares fixed spatial dimensions (only that size can be rendered)
 * @param runtime         the inference runtime and its version
 */
public record ModelInfo(int latentChannels, int latentHeight, int latentWidth, int imageHeight, int imageWidth,
        int textLength, int textWidth, ElementType timestepType, ElementType unetType, double vaeScale,
        boolean fixedLatentSize, String runtime) {
}
