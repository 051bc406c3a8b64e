package org.netbend.render.onnx;

import ai.onnxruntime.OnnxJavaType;

/** The tensor element types a Stable Diffusion export uses at its boundaries. */
public enum ElementType {
    FLOAT32("tensor(float)"), FLOAT16("tensor(float16)"), FLOAT64("tensor(double)"),
    INT32("tensor(int32)"), INT64("tensor(int64)"), OTHER("other");

    private final String onnxName;

    ElementType(String onnxName) { this.onnxName = onnxName; }

    /** The name ONNX Runtime's Python API prints, e.g. {@code tensor(int64)}. */
    public String onnxName() { return onnxName; }

    public boolean isFloatingPoint() { return this == FLOAT32 || this == FLOAT16 || this == FLOAT64; }

    static ElementType of(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> FLOAT32;
            case FLOAT16 -> FLOAT16;
            case DOUBLE -> FLOAT64;
            case INT32 -> INT32;
            case INT64 -> INT64;
            default -> OTHER;
        };
    }
}
