package org.netbend.render;

import java.util.Arrays;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.onnx.TensorSpec;

/**
 * The U-Net's {@code timestep} in the shape its export declares: a scalar when it has no dimensions, one value
 * per batch row when its dimension is symbolic ({@code [batch]}, as diffusers' {@code t.expand(batch)}) or
 * equals the batch, {@code [1]} when it is fixed at 1. Some exports reject any other shape at run time.
 */
final class UnetTimestep {
    private UnetTimestep() { }

    static Tensor of(TensorSpec spec, int timestep, int batch) {
        long[] shape = spec.shape();
        if (shape.length == 0) {
            return Tensor.longs(new long[] {timestep});
        }
        if (shape.length != 1) {
            throw new RenderException("the unet's timestep input is declared " + spec
                    + "; netbend feeds a scalar, [1] or [batch]");
        }
        long size = shape[0];
        if (size < 0 || size == batch) {
            long[] values = new long[batch];
            Arrays.fill(values, timestep);
            return Tensor.longs(values, batch);
        }
        if (size == 1) {
            return Tensor.longs(new long[] {timestep}, 1);
        }
        throw new RenderException("the unet's timestep input is fixed at " + spec + ", which fits neither one"
                + " timestep nor this batch of " + batch + " rows");
    }
}
