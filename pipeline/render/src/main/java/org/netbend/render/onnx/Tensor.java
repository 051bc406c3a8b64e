package org.netbend.render.onnx;

/**
 * A value going into or out of a model, held in Java arrays: floats for every floating-point type, longs for
 * integer ids and timesteps. {@link OnnxModel} converts to the model's declared element type at the boundary
 * (float16 included), so pipeline code never sees the export's precision.
 */
public record Tensor(float[] floats, long[] longs, long[] shape) {
    public Tensor {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        int length = floats != null ? floats.length : longs.length;
        if ((floats == null) == (longs == null)) {
            throw new IllegalArgumentException("a tensor holds either floats or longs");
        }
        if (size != length) {
            throw new IllegalArgumentException("tensor of shape " + java.util.Arrays.toString(shape) + " needs "
                    + size + " values, got " + length);
        }
    }

    public static Tensor floats(float[] values, long... shape) {
        return new Tensor(values, null, shape);
    }

    public static Tensor longs(long[] values, long... shape) {
        return new Tensor(null, values, shape);
    }

    public boolean isFloat() { return floats != null; }

    public int size() { return floats != null ? floats.length : longs.length; }
}
