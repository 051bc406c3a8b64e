package org.netbend.render.toy;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.netbend.render.toy.onnx.OnnxIr.AttributeProto;
import org.netbend.render.toy.onnx.OnnxIr.GraphProto;
import org.netbend.render.toy.onnx.OnnxIr.ModelProto;
import org.netbend.render.toy.onnx.OnnxIr.NodeProto;
import org.netbend.render.toy.onnx.OnnxIr.OperatorSetIdProto;
import org.netbend.render.toy.onnx.OnnxIr.StringStringEntryProto;
import org.netbend.render.toy.onnx.OnnxIr.TensorProto;
import org.netbend.render.toy.onnx.OnnxIr.TensorShapeProto;
import org.netbend.render.toy.onnx.OnnxIr.TypeProto;
import org.netbend.render.toy.onnx.OnnxIr.ValueInfoProto;

/**
 * A small fluent writer of ONNX graphs: inputs, outputs, constant initializers and nodes, in the order given,
 * so the same calls always serialise to the same bytes. Dimensions are numbers or symbolic names
 * ({@code "batch"}), as in the diffusers export.
 */
final class OnnxGraphBuilder {
    static final int OPSET = 17;
    static final int IR_VERSION = 8;

    private final GraphProto.Builder graph;
    private final java.util.Map<Float, String> scalars = new java.util.HashMap<>();
    private int nodeCounter;
    private int nameCounter;

    OnnxGraphBuilder(String name) {
        this.graph = GraphProto.newBuilder().setName(name);
    }

    OnnxGraphBuilder input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return this;
    }

    OnnxGraphBuilder output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
        return this;
    }

    /** A float constant, stored little-endian in raw_data as ONNX requires. */
    String constant(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        graph.addInitializer(tensor(name, TensorProto.DataType.FLOAT, bytes.array(), dims));
        return name;
    }

    /** A one-element float constant, shared by every use of the same value. */
    String scalar(float value) {
        return scalars.computeIfAbsent(value, v -> constant("scalar_" + scalars.size(), new float[] {v}));
    }

    /** {@code prefix} plus a counter: for constants a loop creates. */
    String uniqueName(String prefix) {
        return prefix + "_" + (++nameCounter);
    }

    String constantLongs(String name, long[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        graph.addInitializer(tensor(name, TensorProto.DataType.INT64, bytes.array(), dims));
        return name;
    }

    /** Adds a node with one output named after the op and a counter, and returns that output's name. */
    String op(String opType, List<String> inputs, AttributeProto... attributes) {
        String out = opType.toLowerCase() + "_" + (nodeCounter + 1);
        node(opType, inputs, List.of(out), attributes);
        return out;
    }

    OnnxGraphBuilder node(String opType, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        nodeCounter++;
        graph.addNode(NodeProto.newBuilder()
                .setName(opType + "_" + nodeCounter)
                .setOpType(opType)
                .addAllInput(inputs)
                .addAllOutput(outputs)
                .addAllAttribute(List.of(attributes)));
        return this;
    }

    /**
     * Adds a node under a name of its own (a diffusers-style scope such as {@code /mid_block/Identity}) and
     * declares its output's type, so graph rewriting knows the element type of that tensor.
     */
    OnnxGraphBuilder namedNode(String nodeName, String opType, List<String> inputs, String output,
            TensorProto.DataType type, Object... dims) {
        graph.addNode(NodeProto.newBuilder().setName(nodeName).setOpType(opType).addAllInput(inputs).addOutput(output));
        graph.addValueInfo(valueInfo(output, type, dims));
        return this;
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    ModelProto model(String docString, String generatorVersion) {
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("netbend-toy-model")
                .setProducerVersion(generatorVersion)
                .setDocString(docString)
                .setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("netbend.toy.version")
                        .setValue(generatorVersion))
                .build();
    }

    private static TensorProto tensor(String name, TensorProto.DataType type, byte[] raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else {
                dim.setDimParam(d.toString());
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }
}
