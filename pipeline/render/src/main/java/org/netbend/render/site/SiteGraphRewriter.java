package org.netbend.render.site;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netbend.core.SiteEdit;
import org.netbend.render.toy.onnx.OnnxIr.AttributeProto;
import org.netbend.render.toy.onnx.OnnxIr.GraphProto;
import org.netbend.render.toy.onnx.OnnxIr.ModelProto;
import org.netbend.render.toy.onnx.OnnxIr.NodeProto;
import org.netbend.render.toy.onnx.OnnxIr.TensorProto;
import org.netbend.render.toy.onnx.OnnxIr.TensorShapeProto;
import org.netbend.render.toy.onnx.OnnxIr.TypeProto;
import org.netbend.render.toy.onnx.OnnxIr.ValueInfoProto;

/**
 * Builds site edits into a U-Net graph as ONNX operators. Edit {@code i} on site tensor {@code y} becomes
 * {@code y' = scale * G(y) + shift} over its target channels (G: identity, or a {@code [B,4,4]} matrix
 * applied by MatMul over four channel groups after a Reshape to {@code [B,4,-1]}), blended into a region when
 * it has one, and every node that read {@code y} reads {@code y'}. The parameters are new graph inputs fed
 * per step, one row per batch item: {@link #matrixInput}, {@link #scaleInput}, {@link #shiftInput}. With the
 * identity values (I, 1, 0) every operation is exact in floating point, so the output is bit-identical.
 * Nothing else in the graph changes (nodes, weights and unknown fields are copied as they are).
 */
public final class SiteGraphRewriter {
    private static final long END = Long.MAX_VALUE;

    private final List<NodeProto> added = new ArrayList<>();
    private final List<TensorProto> constants = new ArrayList<>();
    private String prefix;
    private int counter;

    private SiteGraphRewriter() { }

    public static String matrixInput(int edit) { return "netbend_site_" + edit + "_matrix"; }

    public static String scaleInput(int edit) { return "netbend_site_" + edit + "_scale"; }

    public static String shiftInput(int edit) { return "netbend_site_" + edit + "_shift"; }

    /** The tensor edit {@code i} writes (the bent activation), for capture in tests. */
    public static String bentTensor(int edit) { return "netbend_site_" + edit + "/out"; }

    /** The model with the edits built in, in order (several edits at one site chain). */
    public static ModelProto withEdits(UnetSites sites, List<SiteEdit> edits) {
        GraphProto graph = sites.model().getGraph();
        int sampleType = graph.getInputList().stream().filter(i -> i.getName().equals("sample")).findFirst()
                .map(i -> i.getType().getTensorType().getElemType()).orElse(TensorProto.DataType.FLOAT_VALUE);
        // site tensor -> the edits on it, and the name its readers read after them
        Map<String, List<Integer>> editsAt = new HashMap<>();
        for (int i = 0; i < edits.size(); i++) {
            editsAt.computeIfAbsent(sites.tensor(edits.get(i).site()), k -> new ArrayList<>()).add(i);
        }
        GraphProto.Builder out = graph.toBuilder().clearNode();
        Map<String, String> renamed = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            NodeProto.Builder copy = node.toBuilder();
            for (int k = 0; k < copy.getInputCount(); k++) {
                String replacement = renamed.get(copy.getInput(k));
                if (replacement != null) {
                    copy.setInput(k, replacement);
                }
            }
            out.addNode(copy);
            for (String produced : node.getOutputList()) {
                List<Integer> here = editsAt.get(produced);
                if (here == null) {
                    continue;
                }
                int declared = sites.elementType(produced);
                int type = declared != 0 ? declared : sampleType;
                String current = produced;
                for (int i : here) {
                    SiteGraphRewriter rewriter = new SiteGraphRewriter();
                    rewriter.prefix = "netbend_site_" + i + "/";
                    current = rewriter.edit(edits.get(i), i, current, type);
                    rewriter.added.forEach(out::addNode);
                    rewriter.constants.forEach(out::addInitializer);
                    out.addInput(input(matrixInput(i), type, "batch", 4, 4));
                    out.addInput(input(scaleInput(i), type, "batch", 1, 1, 1));
                    out.addInput(input(shiftInput(i), type, "batch", 1, 1, 1));
                }
                renamed.put(produced, current);
            }
        }
        return sites.model().toBuilder().setGraph(out).build();
    }

    /** The model with these tensors added as graph outputs (to read the activation at a site). */
    public static ModelProto withOutputs(ModelProto model, List<String> tensors) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (String tensor : tensors) {
            graph.addOutput(ValueInfoProto.newBuilder().setName(tensor).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        return model.toBuilder().setGraph(graph).build();
    }

    private String edit(SiteEdit edit, int i, String y, int type) {
        boolean range = edit.firstChannel() > 0 || edit.lastChannel() >= 0;
        String lower = null;
        String upper = null;
        String part = y;
        if (range) {
            long to = edit.lastChannel() < 0 ? END : edit.lastChannel() + 1L;
            lower = edit.firstChannel() > 0 ? slice(y, 0, edit.firstChannel()) : null;
            part = slice(y, edit.firstChannel(), to);
            upper = edit.lastChannel() >= 0 ? slice(y, edit.lastChannel() + 1L, END) : null;
        }
        String mixed = part;
        if (edit.form() == SiteEdit.Form.GROUP_MATRIX) {
            String grouped = op("Reshape", part, longs(0, 4, -1));
            mixed = op("Reshape", op("MatMul", matrixInput(i), grouped), op("Shape", part));
        }
        String result = op("Add", op("Mul", mixed, scaleInput(i)), shiftInput(i));
        if (edit.region() != null) {
            result = region(edit.region(), part, result, type);
        }
        if (range) {
            List<String> pieces = new ArrayList<>();
            if (lower != null) {
                pieces.add(lower);
            }
            pieces.add(result);
            if (upper != null) {
                pieces.add(upper);
            }
            result = pieces.size() == 1 ? result : node("Concat", pieces, intAttr("axis", 1));
        }
        return node("Identity", List.of(result), bentTensor(i));
    }

    /** Hard regions select (exact outside and inside); feathered ones blend {@code y + w (y' - y)}. */
    private String region(SiteEdit.Region r, String y, String bent, int type) {
        String shape = op("Shape", y);
        String v = centres(shape, 2, new long[] {1, 1, -1, 1});
        String u = centres(shape, 3, new long[] {1, 1, 1, -1});
        if (r.feather() == 0) {
            String inside = op("And", op("And", op("GreaterOrEqual", v, scalar(r.y0())), op("Less", v, scalar(r.y1()))),
                    op("And", op("GreaterOrEqual", u, scalar(r.x0())), op("Less", u, scalar(r.x1()))));
            return op("Where", inside, bent, y);
        }
        String weight = op("Mul", edgeWeight(v, r.y0(), r.y1(), r.feather()), edgeWeight(u, r.x0(), r.x1(), r.feather()));
        String typed = node("Cast", List.of(weight), intAttr("to", type));
        return op("Add", y, op("Mul", typed, op("Sub", bent, y)));
    }

    /** ramp((c - lo) / f + 0.5) * ramp((hi - c) / f + 0.5), ramp = clamp to 0..1, as the latent target. */
    private String edgeWeight(String c, double lo, double hi, double feather) {
        String half = scalar(0.5);
        String rise = op("Add", op("Div", op("Sub", c, scalar(lo)), scalar(feather)), half);
        String fall = op("Add", op("Div", op("Sub", scalar(hi), c), scalar(feather)), half);
        return op("Mul", ramp(rise), ramp(fall));
    }

    private String ramp(String t) {
        return op("Min", op("Max", t, scalar(0)), scalar(1));
    }

    /** (i + 0.5) / n along an axis of the activation, shaped to broadcast along it (float32). */
    private String centres(String shape, int axis, long[] reshape) {
        String index = constant(TensorProto.DataType.INT64, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(axis).array());
        String n = node("Cast", List.of(op("Gather", shape, index)), intAttr("to", TensorProto.DataType.FLOAT_VALUE));
        return op("Reshape", op("Div", op("Range", scalar(0.5), n, scalar(1)), n), longs(reshape));
    }

    private String slice(String y, long from, long to) {
        return op("Slice", y, longs(from), longs(to), longs(1));
    }

    private String op(String type, String... inputs) {
        return node(type, List.of(inputs));
    }

    private String node(String type, List<String> inputs, AttributeProto... attributes) {
        return node(type, inputs, prefix + type + "_" + (++counter), attributes);
    }

    private String node(String type, List<String> inputs, String output, AttributeProto... attributes) {
        added.add(NodeProto.newBuilder().setName(prefix + type + "_" + (++counter)).setOpType(type)
                .addAllInput(inputs).addOutput(output).addAllAttribute(List.of(attributes)).build());
        return output;
    }

    private String scalar(double value) {
        ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat((float) value);
        return constant(TensorProto.DataType.FLOAT, bytes.array());
    }

    private String longs(long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        return constant(TensorProto.DataType.INT64, bytes.array(), values.length);
    }

    private String constant(TensorProto.DataType type, byte[] raw, long... dims) {
        String name = prefix + "const_" + (++counter);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        constants.add(t.build());
        return name;
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static ValueInfoProto input(String name, int type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof Number n ? TensorShapeProto.Dimension.newBuilder().setDimValue(n.longValue())
                    : TensorShapeProto.Dimension.newBuilder().setDimParam(d.toString()));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }
}
