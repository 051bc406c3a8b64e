package org.netbend.render.onnx;

import java.util.Arrays;

/** A model input or output as declared in the ONNX file; dynamic dimensions are -1. */
public record TensorSpec(String name, ElementType type, long[] shape) {
    public TensorSpec {
        shape = shape.clone();
    }

    /** The declared size of dimension {@code axis}, or -1 when it is dynamic or absent. */
    public long dim(int axis) {
        return axis < shape.length ? shape[axis] : -1;
    }

    @Override
    public long[] shape() { return shape.clone(); }

    @Override
    public String toString() { return name + ":" + type.onnxName() + Arrays.toString(shape); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.type == type && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }
}
