package org.netbend.render;

import java.util.Arrays;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.onnx.TensorSpec;
import org.netbend.render.schedule.Scheduler;

/**
 * The U-Net's {@code timestep} in the shape and type its export declares: a scalar when it has no dimensions,
 * one value per batch row when its dimension is symbolic ({@code [batch]}, as diffusers' {@code t.expand(batch)})
 * or equals the batch, {@code [1]} when it is fixed at 1. Some exports reject any other shape at run time.
 *
 * <p>A floating-point input (diffusers' own ONNX export declares one) gets the sampler's exact timestep, which
 * is fractional for Euler with linspace spacing or Karras sigmas (946.42 at the second of 20 linspace steps), as
 * diffusers feeds its PyTorch U-Net; an integer input gets it truncated, as numpy's {@code astype(int64)} in
 * diffusers' ONNX pipeline does. For every other sampler both are the same integer.
 */
final class UnetTimestep {
    private UnetTimestep() { }

    /** The timestep of position {@code index} of the scheduler's {@code steps}-step schedule. */
    static Tensor of(TensorSpec spec, Scheduler scheduler, int steps, int index, int batch) {
        return of(spec, scheduler.exactTimesteps(steps)[index], batch);
    }

    static Tensor of(TensorSpec spec, double timestep, int batch) {
        long[] shape = spec.shape();
        if (shape.length > 1) {
            throw new RenderException("the unet's timestep input is declared " + spec
                    + "; netbend feeds a scalar, [1] or [batch]");
        }
        int count;
        long[] dims;
        if (shape.length == 0) {
            count = 1;
            dims = new long[0];
        } else if (shape[0] < 0 || shape[0] == batch) {
            count = batch;
            dims = new long[] {batch};
        } else if (shape[0] == 1) {
            count = 1;
            dims = new long[] {1};
        } else {
            throw new RenderException("the unet's timestep input is fixed at " + spec + ", which fits neither one"
                    + " timestep nor this batch of " + batch + " rows");
        }
        if (spec.type().isFloatingPoint()) {
            float[] values = new float[count];
            Arrays.fill(values, (float) timestep);
            return Tensor.floats(values, dims);
        }
        long[] values = new long[count];
        Arrays.fill(values, (long) timestep);
        return Tensor.longs(values, dims);
    }
}
