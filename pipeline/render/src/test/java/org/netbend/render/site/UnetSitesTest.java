package org.netbend.render.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbend.core.SiteEdit;
import org.netbend.render.RuntimeOptions;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.toy.onnx.OnnxIr.GraphProto;
import org.netbend.render.toy.onnx.OnnxIr.ModelProto;
import org.netbend.render.toy.onnx.OnnxIr.NodeProto;
import org.netbend.render.toy.onnx.OnnxIr.OperatorSetIdProto;
import org.netbend.render.toy.onnx.OnnxIr.TensorProto;
import org.netbend.render.toy.onnx.OnnxIr.TensorShapeProto;
import org.netbend.render.toy.onnx.OnnxIr.TypeProto;
import org.netbend.render.toy.onnx.OnnxIr.ValueInfoProto;

class UnetSitesTest {

    @Test
    void siteNamesFollowTheDiffusersScopes() {
        assertEquals(List.of("down.1", "down.1.res.0"), SiteNames.of("/down_blocks.1/resnets.0/conv1/Conv"));
        assertEquals(List.of("up.2", "up.2.attn.1"), SiteNames.of("/up_blocks.2/attentions.1/transformer_blocks.0/Add"));
        assertEquals(List.of("mid", "mid.attn.0"), SiteNames.of("/mid_block/attentions.0/proj_out/Conv"));
        assertEquals(List.of("up.0"), SiteNames.of("/up_blocks.0/upsamplers.0/conv/Conv"));
        assertEquals(List.of("down.3"), SiteNames.of("/down_blocks.3/Concat"), "an op directly in the block");
        assertEquals(List.of(), SiteNames.of("/conv_in/Conv"));
        assertEquals(List.of(), SiteNames.of("/time_embedding/linear_1/Gemm"));
        assertEquals(List.of(), SiteNames.of("Conv_123"), "unscoped exports have no sites");
        assertEquals(List.of(), SiteNames.of("/down_blocks.0"), "a scope needs an op under it");
    }

    /** The layout of a diffusers export in miniature: skip connections leave a down block before its output. */
    @Test
    void aSiteIsTheLastTensorLeavingItsScope() {
        ModelProto model = model(List.of(
                node("/conv_in/Conv", "Identity", "sample", "t0"),
                node("/down_blocks.0/resnets.0/Add", "Identity", "t0", "t1"),
                node("/down_blocks.0/downsamplers.0/conv/Conv", "Identity", "t1", "t2"),
                node("/mid_block/resnets.0/Add", "Identity", "t2", "t3"),
                node("/mid_block/attentions.0/Add", "Identity", "t3", "t4"),
                node("/up_blocks.0/Concat", "Concat", List.of("t4", "t1"), "t5"),
                node("/up_blocks.0/attentions.1/Add", "Identity", "t5", "t6"),
                node("/conv_out/Conv", "Identity", "t6", "out_sample")), 4);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("down.0", "t2");
        expected.put("down.0.res.0", "t1");
        expected.put("mid.res.0", "t3");
        expected.put("mid", "t4");
        expected.put("mid.attn.0", "t4");
        expected.put("up.0", "t6");
        expected.put("up.0.attn.1", "t6");
        assertEquals(expected, UnetSites.of(model).sites());
    }

    /**
     * A group matrix over channels 4..11 of a 12-channel site: four groups of two channels, channel k of group
     * i mixing with channel k of the others; channels 0..3 untouched; worked out by hand below.
     */
    @Test
    void aGroupMatrixMixesFourGroupsOfTheTargetChannels(@TempDir Path dir) throws Exception {
        ModelProto model = model(List.of(
                node("/mid_block/resnets.0/Add", "Identity", "sample", "t0"),
                node("/conv_out/Conv", "Identity", "t0", "out_sample")), 12);
        Path file = dir.resolve("model.onnx");
        Files.write(file, model.toByteArray());
        SiteEdit edit = new SiteEdit("mid", SiteEdit.Form.GROUP_MATRIX, 4, 11, null);
        double[][] m = {{0, 1, 0, 0}, {2, 0, 0, 0}, {0, 0, 1, 1}, {0, 0, 0, -1}};
        float[] x = new float[12];
        for (int c = 0; c < 12; c++) {
            x[c] = c + 1;
        }
        float[] matrix = new float[16];
        for (int k = 0; k < 16; k++) {
            matrix[k] = (float) m[k / 4][k % 4];
        }
        try (SiteModels models = new SiteModels(file, RuntimeOptions.cpu().withThreads(1))) {
            OnnxModel bent = models.forEdits(List.of(edit));
            Map<String, Tensor> feed = new LinkedHashMap<>();
            feed.put("sample", Tensor.floats(x, 1, 12, 1, 1));
            feed.put(SiteGraphRewriter.matrixInput(0), Tensor.floats(matrix, 1, 4, 4));
            feed.put(SiteGraphRewriter.scaleInput(0), Tensor.floats(new float[] {2}, 1, 1, 1, 1));
            feed.put(SiteGraphRewriter.shiftInput(0), Tensor.floats(new float[] {0.5f}, 1, 1, 1, 1));
            float[] out = bent.run(feed, "out_sample").floats();
            // groups: g0 = channels 4,5 (values 5,6); g1 = 6,7 (7,8); g2 = 8,9 (9,10); g3 = 10,11 (11,12)
            // g0' = g1, g1' = 2 g0, g2' = g2 + g3, g3' = -g3; then * 2 + 0.5
            float[] expected = {1, 2, 3, 4, 14.5f, 16.5f, 20.5f, 24.5f, 40.5f, 44.5f, -21.5f, -23.5f};
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(out));
            assertTrue(bent.inputs().containsKey(SiteGraphRewriter.matrixInput(0)));
        }
    }

    /**
     * A code field of 4 x 1 x 2 on a 6-channel site 1 x 4: channel k takes field channel floor(4k/6) = 0,0,1,2,2,3,
     * upsampled with half-pixel centres and clamped edges ((a, b) -> a, 3a/4 + b/4, a/4 + 3b/4, b); with the gate
     * shut the activation passes bit for bit, a negative zero included.
     */
    @Test
    void aCodeFieldIsUpsampledOntoFourGroupsOfTheSiteChannelsAndItsShutGateIsExact(@TempDir Path dir)
            throws Exception {
        ModelProto model = model(List.of(
                node("/mid_block/resnets.0/Add", "Identity", "sample", "t0"),
                node("/conv_out/Conv", "Identity", "t0", "out_sample")), 6);
        Path file = dir.resolve("model.onnx");
        Files.write(file, model.toByteArray());
        SiteEdit edit = new SiteEdit("mid", SiteEdit.Form.FIELD, 0, -1, null, 0, null, new SiteEdit.Field(1, 2));
        float[] x = new float[24];
        for (int i = 0; i < 24; i++) {
            x[i] = 10 * (i / 4);
        }
        x[1] = -0.0f;
        float[] field = new float[8];
        for (int g = 0; g < 4; g++) {
            field[2 * g] = g;
            field[2 * g + 1] = g + 4;
        }
        try (SiteModels models = new SiteModels(file, RuntimeOptions.cpu().withThreads(1))) {
            OnnxModel bent = models.forEdits(List.of(edit));
            float[] open = runField(bent, x, field, 1);
            int[] group = {0, 0, 1, 2, 2, 3};
            float[] ramp = {0, 1, 3, 4};
            float[] expected = new float[24];
            for (int i = 0; i < 24; i++) {
                expected[i] = 10 * (i / 4) + group[i / 4] + ramp[i % 4];
            }
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(open));
            float[] shut = runField(bent, x, field, 0);
            for (int i = 0; i < 24; i++) {
                assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(shut[i]), "element " + i);
            }
        }
    }

    private static float[] runField(OnnxModel bent, float[] x, float[] field, float gate) {
        Map<String, Tensor> feed = new LinkedHashMap<>();
        feed.put("sample", Tensor.floats(x, 1, 6, 1, 4));
        feed.put(SiteGraphRewriter.fieldInput(0), Tensor.floats(field, 1, 4, 1, 2));
        feed.put(SiteGraphRewriter.gateInput(0), Tensor.floats(new float[] {gate}, 1, 1, 1, 1));
        return bent.run(feed, "out_sample").floats();
    }

    private static NodeProto node(String name, String op, String input, String output) {
        return node(name, op, List.of(input), output);
    }

    private static NodeProto node(String name, String op, List<String> inputs, String output) {
        NodeProto.Builder b = NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addOutput(output);
        if (op.equals("Concat")) {
            b.addAttribute(org.netbend.render.toy.onnx.OnnxIr.AttributeProto.newBuilder().setName("axis")
                    .setType(org.netbend.render.toy.onnx.OnnxIr.AttributeProto.AttributeType.INT).setI(1));
        }
        return b.build();
    }

    private static ModelProto model(List<NodeProto> nodes, int channels) {
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(GraphProto.newBuilder().setName("mini_unet").addAllNode(nodes)
                        .addInput(value("sample", channels)).addOutput(value("out_sample", -1)))
                .build();
    }

    private static ValueInfoProto value(String name, int channels) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        shape.addDim(channels > 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(channels)
                : TensorShapeProto.Dimension.newBuilder().setDimParam("channels"));
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("h"));
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("w"));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
