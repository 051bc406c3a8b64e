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
 *
 * <p>The nonlinear forms compute {@code b = op(y)} on the whole activation, as the latent operators do, take
 * {@code b} on the target's elements and {@code y} elsewhere, and then {@code Where(gate > 0, that, y)} per batch
 * row with {@link #gateInput}, so a shut gate passes {@code y} exactly; a threshold's r is {@link #parameterInput}.
 * threshold: {@code Where(|y| >= r, y, 0)}; threshold-binary: {@code Cast(y >= r)}; threshold-soft:
 * {@code Sign(y) Relu(|y| - r)}; dilate(k): {@code MaxPool} k x k, stride 1, padded {@code k/2} before and
 * {@code k-1-k/2} after (padding never wins, so the window is clipped at the edges); erode(k):
 * {@code -MaxPool(-y)}; normalize: {@code y - ReduceMean} over (H,W), W, H, C or (C,H,W), and normalize-max
 * {@code y / ReduceMax(|y|)} over (C,H,W) (1 for an all-zero row), both in double as the Java operators are.
 * They compute in float (fp16 exports are cast up and back). A fraction target selects its channels with a
 * constant {@code [1,C,1,1]} mask, so it needs the site's channel count.
 *
 * <p>A code field ({@link SiteEdit.Form#FIELD}) adds {@link #fieldInput}, {@code [B,4,h,w]}, upsampled to the
 * activation's H x W by two MatMuls with bilinear weights built from its shape (cell centres, edges clamped: the
 * latent's {@code code-field} formula) and spread over the K target channels by a constant {@code Gather}, channel k taking field channel
 * {@code floor(4k/K)} (the four equal groups of the channel matrices); it takes a range, region or fraction target
 * as the linear forms do, behind the per-row gate (shut: {@code y} exactly). It needs the site's channel count.
 * Nothing else in the graph changes (nodes, weights and unknown fields are copied as they are).
 */
public final class SiteGraphRewriter {
    private static final long END = Long.MAX_VALUE;

    private final List<NodeProto> added = new ArrayList<>();
    private final List<TensorProto> constants = new ArrayList<>();
    private String prefix;
    private int counter;
    private int opset;
    private int channels;

    private SiteGraphRewriter() { }

    public static String matrixInput(int edit) { return "netbend_site_" + edit + "_matrix"; }

    public static String scaleInput(int edit) { return "netbend_site_" + edit + "_scale"; }

    public static String shiftInput(int edit) { return "netbend_site_" + edit + "_shift"; }

    /** The operator parameter of a nonlinear edit (a threshold's r), {@code [B,1,1,1]}. */
    public static String parameterInput(int edit) { return "netbend_site_" + edit + "_parameter"; }

    /** The gate of a nonlinear edit, {@code [B,1,1,1]}: above 0 takes the operator's result. */
    public static String gateInput(int edit) { return "netbend_site_" + edit + "_gate"; }

    /** The field of a code-field edit, {@code [B,4,h,w]} (the code times the gain). */
    public static String fieldInput(int edit) { return "netbend_site_" + edit + "_field"; }

    /** The tensor edit {@code i} writes (the bent activation), for capture in tests. */
    public static String bentTensor(int edit) { return "netbend_site_" + edit + "/out"; }

    /** The model with linear edits without fraction targets built in (no channel counts needed). */
    public static ModelProto withEdits(UnetSites sites, List<SiteEdit> edits) {
        return withEdits(sites, edits, Map.of());
    }

    /**
     * The model with the edits built in, in order (several edits at one site chain).
     *
     * @param channels each site's channel count (needed for fraction targets)
     */
    public static ModelProto withEdits(UnetSites sites, List<SiteEdit> edits, Map<String, Integer> channels) {
        GraphProto graph = sites.model().getGraph();
        int opset = sites.model().getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToInt(o -> (int) o.getVersion()).max().orElse(17);
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
                    current = insert(out, edits.get(i), i, current, type, opset, channels);
                }
                renamed.put(produced, current);
            }
        }
        return sites.model().toBuilder().setGraph(out).build();
    }

    /** Adds edit {@code i} on tensor {@code y} to the graph, with its inputs; returns the bent tensor's name. */
    private static String insert(GraphProto.Builder out, SiteEdit edit, int i, String y, int type, int opset,
            Map<String, Integer> channels) {
        SiteGraphRewriter rewriter = new SiteGraphRewriter();
        rewriter.prefix = "netbend_site_" + i + "/";
        rewriter.opset = opset;
        if (edit.fraction() != null || edit.form() == SiteEdit.Form.FIELD) {
            Integer count = channels.get(edit.site());
            if (count == null) {
                throw new IllegalArgumentException("a fraction target or a code field needs the channel count of"
                        + " site '" + edit.site() + "'");
            }
            rewriter.channels = count;
        }
        String bent = edit.form() == SiteEdit.Form.FIELD ? rewriter.field(edit, i, y, type)
                : edit.form().linear() ? rewriter.edit(edit, i, y, type) : rewriter.nonlinear(edit, i, y, type);
        rewriter.added.forEach(out::addNode);
        rewriter.constants.forEach(out::addInitializer);
        if (edit.form() == SiteEdit.Form.FIELD) {
            out.addInput(input(fieldInput(i), type, "batch", 4, edit.field().height(), edit.field().width()));
            out.addInput(input(gateInput(i), type, "batch", 1, 1, 1));
        } else if (edit.form().linear()) {
            out.addInput(input(matrixInput(i), type, "batch", 4, 4));
            out.addInput(input(scaleInput(i), type, "batch", 1, 1, 1));
            out.addInput(input(shiftInput(i), type, "batch", 1, 1, 1));
        } else {
            out.addInput(input(parameterInput(i), type, "batch", 1, 1, 1));
            out.addInput(input(gateInput(i), type, "batch", 1, 1, 1));
        }
        return bent;
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
        if (edit.fraction() != null) {
            result = op("Where", fractionMask(edit), result, y);
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

    /** y plus the upsampled field on the target's channels (region, fraction), behind the per-row gate. */
    private String field(SiteEdit edit, int i, String y, int type) {
        boolean wide = type == TensorProto.DataType.FLOAT_VALUE;
        boolean range = edit.firstChannel() > 0 || edit.lastChannel() >= 0;
        long to = edit.lastChannel() < 0 ? channels : edit.lastChannel() + 1L;
        String part = range ? slice(y, edit.firstChannel(), to) : y;
        String shape = op("Shape", part);
        String small = wide ? fieldInput(i) : cast(fieldInput(i), TensorProto.DataType.FLOAT_VALUE);
        // bilinear as two matrix products: [H,h] x field [B,4,h,w] x [w,W]
        String rows = tents(shape, 2, edit.field().height(), false);
        String columns = tents(shape, 3, edit.field().width(), true);
        String up = op("MatMul", op("MatMul", rows, small), columns);
        int targeted = (int) (to - edit.firstChannel());
        long[] group = new long[targeted];
        for (int k = 0; k < targeted; k++) {
            group[k] = 4L * k / targeted;
        }
        String spread = node("Gather", List.of(up, longs(group)), intAttr("axis", 1));
        String x = wide ? part : cast(part, TensorProto.DataType.FLOAT_VALUE);
        String sum = op("Add", x, spread);
        String result = wide ? sum : cast(sum, type);
        if (edit.region() != null) {
            result = region(edit.region(), part, result, type);
        }
        if (range) {
            List<String> pieces = new ArrayList<>();
            if (edit.firstChannel() > 0) {
                pieces.add(slice(y, 0, edit.firstChannel()));
            }
            pieces.add(result);
            if (edit.lastChannel() >= 0) {
                pieces.add(slice(y, edit.lastChannel() + 1L, END));
            }
            result = pieces.size() == 1 ? result : node("Concat", pieces, intAttr("axis", 1));
        }
        if (edit.fraction() != null) {
            result = op("Where", fractionMask(edit), result, y);
        }
        String gate = wide ? gateInput(i) : cast(gateInput(i), TensorProto.DataType.FLOAT_VALUE);
        return node("Identity", List.of(op("Where", op("Greater", gate, scalar(0)), result, y)), bentTensor(i));
    }

    /**
     * The bilinear weights from {@code cells} field cells to the activation's n positions along an axis, as the
     * latent's code-field computes them: u = clamp((p + 1/2) cells / n - 1/2, 0, cells - 1), weight of cell j
     * max(0, 1 - |u - j|). {@code [n, cells]}, or {@code [cells, n]} when transposed.
     */
    private String tents(String shape, int axis, int cells, boolean transposed) {
        String index = constant(TensorProto.DataType.INT64, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(axis).array());
        String n = node("Cast", List.of(op("Gather", shape, index)), intAttr("to", TensorProto.DataType.FLOAT_VALUE));
        String centres = op("Range", scalar(0.5), n, scalar(1));
        String u = op("Sub", op("Div", op("Mul", centres, scalar(cells)), n), scalar(0.5));
        u = op("Min", op("Max", u, scalar(0)), scalar(cells - 1));
        ByteBuffer j = ByteBuffer.allocate(4 * cells).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < cells; c++) {
            j.putFloat(c);
        }
        String cellsAt = transposed ? constant(TensorProto.DataType.FLOAT, j.array(), cells, 1)
                : constant(TensorProto.DataType.FLOAT, j.array(), 1, cells);
        String positions = op("Reshape", u, transposed ? longs(1, -1) : longs(-1, 1));
        return op("Relu", op("Sub", scalar(1), op("Abs", op("Sub", positions, cellsAt))));
    }

    /** op(y) on the whole activation, written to the target's elements, behind the per-row gate. */
    private String nonlinear(SiteEdit edit, int i, String y, int type) {
        boolean wide = type == TensorProto.DataType.FLOAT_VALUE;
        String x = wide ? y : cast(y, TensorProto.DataType.FLOAT_VALUE);
        String r = wide ? parameterInput(i) : cast(parameterInput(i), TensorProto.DataType.FLOAT_VALUE);
        String b = switch (edit.form()) {
            case THRESHOLD -> op("Where", op("GreaterOrEqual", op("Abs", x), r), x, scalar(0));
            case THRESHOLD_BINARY -> cast(op("GreaterOrEqual", x, r), TensorProto.DataType.FLOAT_VALUE);
            case THRESHOLD_SOFT -> op("Mul", op("Sign", x), op("Relu", op("Sub", op("Abs", x), r)));
            case DILATE -> maxPool(x, edit.window());
            case ERODE -> op("Neg", maxPool(op("Neg", x), edit.window()));
            case NORMALIZE_CHANNEL -> subtractMean(x, 2, 3);
            case NORMALIZE_ROW -> subtractMean(x, 3);
            case NORMALIZE_COL -> subtractMean(x, 2);
            case NORMALIZE_PIXEL -> subtractMean(x, 1);
            case NORMALIZE_ALL -> subtractMean(x, 1, 2, 3);
            case NORMALIZE_MAX -> divideByMaxAbs(x);
            default -> throw new IllegalStateException(edit.form().toString());
        };
        String bent = wide ? b : cast(b, type);
        String result = bent;
        if (edit.firstChannel() > 0 || edit.lastChannel() >= 0) {
            long to = edit.lastChannel() < 0 ? END : edit.lastChannel() + 1L;
            List<String> pieces = new ArrayList<>();
            if (edit.firstChannel() > 0) {
                pieces.add(slice(y, 0, edit.firstChannel()));
            }
            pieces.add(slice(bent, edit.firstChannel(), to));
            if (edit.lastChannel() >= 0) {
                pieces.add(slice(y, edit.lastChannel() + 1L, END));
            }
            result = pieces.size() == 1 ? pieces.get(0) : node("Concat", pieces, intAttr("axis", 1));
        } else if (edit.region() != null) {
            result = region(edit.region(), y, bent, type);
        } else if (edit.fraction() != null) {
            result = op("Where", fractionMask(edit), bent, y);
        }
        String gate = wide ? gateInput(i) : cast(gateInput(i), TensorProto.DataType.FLOAT_VALUE);
        String open = op("Greater", gate, scalar(0));
        return node("Identity", List.of(op("Where", open, result, y)), bentTensor(i));
    }

    /** Window maximum, k x k, stride 1, the output the input's size (window offsets -k/2 .. k-1-k/2). */
    private String maxPool(String x, int k) {
        long before = k / 2;
        long after = k - 1 - before;
        return node("MaxPool", List.of(x), ints("kernel_shape", k, k), ints("strides", 1, 1),
                ints("pads", before, before, after, after));
    }

    /** x - mean over the axes, in double (the Java operator's mean and difference are double). */
    private String subtractMean(String x, long... axes) {
        String wide = cast(x, TensorProto.DataType.DOUBLE_VALUE);
        String mean = reduce("ReduceMean", wide, axes);
        return cast(op("Sub", wide, mean), TensorProto.DataType.FLOAT_VALUE);
    }

    /** x * (1 / max|x|) over (C,H,W) in double, or x itself when max|x| = 0. */
    private String divideByMaxAbs(String x) {
        String wide = cast(x, TensorProto.DataType.DOUBLE_VALUE);
        String max = reduce("ReduceMax", op("Abs", wide), 1, 2, 3);
        String zero = cast(scalar(0), TensorProto.DataType.DOUBLE_VALUE);
        String one = cast(scalar(1), TensorProto.DataType.DOUBLE_VALUE);
        String scale = op("Where", op("Greater", max, zero), op("Div", one, max), one);
        return cast(op("Mul", wide, scale), TensorProto.DataType.FLOAT_VALUE);
    }

    /** A reduction keeping its dimensions; axes are an attribute before opset 18 and an input from it. */
    private String reduce(String type, String x, long... axes) {
        if (opset >= 18) {
            return node(type, List.of(x, longs(axes)), intAttr("keepdims", 1));
        }
        return node(type, List.of(x), ints("axes", axes), intAttr("keepdims", 1));
    }

    /** {@code [1,C,1,1]}: true on the fraction's channels of this site. */
    private String fractionMask(SiteEdit edit) {
        byte[] mask = new byte[channels];
        for (int c : edit.fraction().channels(edit.site(), channels)) {
            mask[c] = 1;
        }
        return constant(TensorProto.DataType.BOOL, mask, 1, channels, 1, 1);
    }

    private String cast(String x, int to) {
        return node("Cast", List.of(x), intAttr("to", to));
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

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
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
