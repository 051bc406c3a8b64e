package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendProgram;
import org.netbend.bend.BendSpec;
import org.netbend.bend.Target;
import org.netbend.core.KeyedRandom;
import org.netbend.core.Latent;
import org.netbend.core.LatentBender;
import org.netbend.core.RgbImage;
import org.netbend.core.SiteEdit;
import org.netbend.core.UnetBender;
import org.netbend.render.onnx.OnnxModel;
import org.netbend.render.onnx.Tensor;
import org.netbend.render.site.SiteFeeder;
import org.netbend.render.site.SiteGraphRewriter;
import org.netbend.render.site.SiteShape;

/** Bends at sites inside the toy U-Net, against unbent frames and against the bend module's Java operators. */
class SiteBendTest {
    private static final StableDiffusion SD = ToyModels.toy();
    private static final String PROMPT = "a red cat in the forest";

    @Test
    void theToyHasDiffusersNamedSitesWithTheirShapes() {
        assertEquals(List.of("down.0", "down.1", "mid", "up.0", "up.1", "up.1.attn.0", "up.2"), SD.sites());
        Map<String, String> shapes = new LinkedHashMap<>();
        for (SiteShape s : SD.siteShapes(512, 512)) {
            shapes.put(s.site(), s.channels() + "x" + s.height() + "x" + s.width());
            assertTrue(s.tensor().startsWith("/"), s.tensor());
        }
        assertEquals("4x16x16", shapes.get("mid"));
        assertEquals("4x64x64", shapes.get("down.0"));
        assertEquals("4x64x64", shapes.get("up.2"));
        assertEquals(7, shapes.size());
    }

    /** A code for code-field(16): 4 x 2 x 2 field values. */
    private static final String CODE = "1,-0.5,0.25,0, 0,0.75,-1,0.5, 0.3,0,0,-0.3, -0.8,0.1,0.6,0";

    @Test
    void identityParametersGiveBitIdenticalFrames() {
        BendProgram identity = BendProgram.parse("multiply@every/mid=1", "add@every/down.0=0",
                "rotate-r1@every/up.2=0", "add@0-10/up.1:region(0,0,0.5,1,0.1)=0",
                "multiply@3-7/down.1:channels(1..2)=1", "rotate(0,3)@every/up.1.attn.0:region(0.2,0.2,0.8,0.6)=0",
                "threshold@every/mid=0", "threshold-soft@2-9/up.2:channels(1..3)=0", "threshold@every/down.1=-1",
                "code-field(16,0)@every/up.0=" + CODE, "code-field(8)@every/mid=0,0,0,0,0,0,0,0");
        for (int frame = 0; frame < 2; frame++) {
            RgbImage plain = render(LatentBender.NONE, frame);
            RgbImage bent = render(identity.forFrame(5, frame, identity.constantParameters()), frame);
            assertArrayEquals(plain.pixels(), bent.pixels(), "frame " + frame);
        }
        BendProgram real = BendProgram.parse("multiply@every/mid=3");
        assertFalse(Arrays.equals(render(LatentBender.NONE, 0).pixels(),
                render(real.forFrame(5, 0, real.constantParameters()), 0).pixels()), "a real bend changes the frame");
    }

    /**
     * An fp16 export: parameters are fed in the declared type of the site tensor, identity stays exact, and the
     * nonlinear operators (computed in float, cast back) run.
     */
    @Test
    void siteBendsRunOnAnFp16Export() {
        StableDiffusion fp16 = ToyModels.open(org.netbend.render.toy.ToyModelSpec.DEFAULT.withFp16(true));
        BendProgram identity = BendProgram.parse("multiply@every/mid=1", "rotate-r1@every/down.0:region(0,0,0.5,1,0.2)=0",
                "threshold@every/up.2:channels(1..2)=0", "add@every/up.0:fraction(0.5)=0",
                "code-field(16,0)@every/mid=" + CODE);
        BendProgram real = BendProgram.parse("multiply@every/mid=2", "rotate-r1@every/down.0:region(0,0,0.5,1,0.2)=1",
                "dilate(3)@every/up.2", "normalize@4-6/down.1:fraction(0.5)",
                "code-field(16,2)@every/up.1=" + CODE);
        FrameRequest.Builder base = FrameRequest.builder(PROMPT).seed(11).steps(8);
        byte[] plain = fp16.generate(base.build()).pixels();
        assertArrayEquals(plain, fp16.generate(base.bender(identity.forFrame(5, 0, identity.constantParameters()))
                .build()).pixels());
        assertFalse(Arrays.equals(plain, fp16.generate(base.bender(real.forFrame(5, 0,
                real.constantParameters())).build()).pixels()));
    }

    @Test
    void eachOperatorAtASiteMatchesTheJavaOperatorOnTheCapturedActivation() {
        List<String> specs = List.of(
                "add@0/up.2=0.7", "subtract@0/down.1=0.3", "multiply@0/mid=2.5", "inversion@0/up.0=0.8",
                "rotate-r1@0/down.0=1.1", "rotate-r2@0/up.2=2", "rotate-r3@0/mid=-0.4", "rotate-r4@0/up.1=3",
                "rotate(0,3)@0/up.1.attn.0=0.6", "rotate-so4@0/up.2=0.1,0.2,0.3,0.4,0.5,0.6", "reflect(2)@0/mid",
                "hadamard@0/up.0", "matrix(1,2,0,0, 0,1,0,0, 0,0,1,0, 0.5,0,0,1)@0/up.2",
                "matrix@0/down.1=0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1,-1,-0.5,0,0.25,0.75,-0.25",
                "multiply@0/down.1:channel(2)=3", "add@0/up.2:channels(1..2)=1.5",
                "add@0/mid:region(0.25,0,0.75,0.5)=2", "multiply@0/up.2:region(0,0,0.5,1,0.2)=3",
                "rotate-r4@0/up.1:region(0.1,0.1,0.9,0.9)=2", "hadamard@0/down.0:region(0,0.5,1,1,0.3)",
                "threshold@0/up.2=0.5", "threshold@0/up.1:channel(3)=0.75", "threshold-binary@0/mid=0.25",
                "threshold-binary@0/down.0:channels(1..2)=-0.5", "threshold-soft@0/down.1=0.5",
                "threshold-soft@0/up.0:region(0,0,0.5,1,0.2)=0.25",
                "dilate@0/up.2", "dilate(3)@0/mid", "dilate(2)@0/down.0:channels(1..2)", "erode@0/up.0",
                "erode(5)@0/down.1", "erode(3)@0/up.1:region(0.2,0.2,0.8,0.6)",
                "normalize@0/down.0", "normalize(row)@0/mid", "normalize(col)@0/down.1", "normalize(pixel)@0/up.0",
                "normalize(all)@0/up.1.attn.0:channel(1)", "normalize-max@0/up.2", "normalize-max@0/mid:channels(0..1)",
                "code-field(16,0.5)@0/up.2=" + CODE, "code-field(8,2)@0/mid=1,-1,0.5,0,0,0.25,-0.5,1",
                "code-field(16)@0/down.1:region(0,0,0.5,1,0.2)=" + CODE);
        for (String text : specs) {
            Compared c = compare(text, null);
            assertTrue(c.worst() < 2e-6, text + ": graph and Java differ by " + c.worst());
            assertTrue(c.changed() > 1e-3, text + ": the bend changed nothing (" + c.changed() + ")");
        }
    }

    /**
     * fraction(p) at a site: round(p C) channels drawn from the job's seed and the site's name. The graph takes the
     * operator's result on exactly those channels (the Java operator on the whole activation, copied there) and
     * leaves the others as they are.
     */
    @Test
    void aFractionTargetBendsTheSeededChannelsOfTheSite() {
        for (String text : List.of("multiply@0/up.2:fraction(0.5)=3", "threshold@0/mid:fraction(0.25)=0.5",
                "dilate(3)@0/down.0:fraction(0.75)", "add@0/up.1:fraction(0.5,7)=1",
                "code-field(8,2)@0/up.2:fraction(0.5)=1,-1,0.5,0,0,0.25,-0.5,1")) {
            BendSpec spec = BendParser.parse(text);
            SiteEdit.Fraction fraction = ((UnetBender) BendProgram.compile(List.of(spec))
                    .forFrame(3, 0, BendProgram.compile(List.of(spec)).constantParameters())).siteEdits().get(0)
                    .fraction();
            assertEquals(text.contains(",7)") ? 7 : 3, fraction.seed(), text + ": the bend's seed, else the job's");
            int[] chosen = fraction.channels(spec.site(), 4);
            assertEquals(Math.round(fraction.p() * 4), chosen.length, text);
            Compared c = compare(text, chosen);
            assertTrue(c.worst() < 2e-6, text + ": graph and Java differ by " + c.worst());
            assertTrue(c.changed() > 1e-3, text + ": the bend changed nothing");
            assertTrue(c.untouched(), text + ": channels outside the fraction must stay exactly as they were");
        }
    }

    /**
     * Operators without an identity value (threshold-binary, erode, dilate, normalize) shut their gate at steps
     * where they do not act: the rewritten graph then passes the activation bit for bit (a batch mixes such steps
     * when another site bend acts at them).
     */
    @Test
    void aShutGatePassesTheActivationExactly() {
        for (String text : List.of("threshold-binary@5/mid=0.25", "dilate@5/up.2", "erode(3)@5-7/down.1:channels(1..2)",
                "normalize@5/up.0:region(0,0,0.5,1,0.2)", "normalize-max@5/mid:fraction(0.5)")) {
            Compared c = compare(text, null, 0, 12);
            assertEquals(0, c.changed(), text + ": a shut gate changed the activation");
        }
    }

    private record Compared(double worst, double changed, boolean untouched) { }

    /**
     * Captures the activation at the bend's site and the graph's bent activation, and applies the same operator in
     * Java to the captured activation; with {@code channels}, Java's result is taken on those channels only.
     */
    private static Compared compare(String text, int[] channels) {
        return compare(text, channels, 0, 1);
    }

    private static Compared compare(String text, int[] channels, int layer, int layers) {
        BendSpec spec = BendParser.parse(text);
        BendProgram program = BendProgram.compile(List.of(spec));
        double[][] params = program.constantParameters();
        UnetBender bender = (UnetBender) program.forFrame(3, 0, params);
        String tensor = SD.siteModels().sites().tensor(spec.site());

        Map<String, Tensor> feed = SD.probeFeed(512, 512);
        feed.put("sample", Tensor.floats(noise(4 * 64 * 64), 1, 4, 64, 64));
        feed.put("timestep", Tensor.longs(new long[] {501}, 1));
        feed.put("encoder_hidden_states", Tensor.floats(SD.embedding(PROMPT), 1, 77, SD.info().textWidth()));
        SiteFeeder.of(List.of((LatentBender) bender), false).feed(feed, layer, layers);
        Map<String, Tensor> captured;
        try (OnnxModel model = SD.siteModels().openRewritten(SiteGraphRewriter.withOutputs(
                SiteGraphRewriter.withEdits(SD.siteModels().sites(), bender.siteEdits(), SD.siteModels().channels()),
                List.of(tensor, SiteGraphRewriter.bentTensor(0))), "capture")) {
            captured = model.runAll(feed, List.of(tensor, SiteGraphRewriter.bentTensor(0)));
        }
        long[] shape = captured.get(tensor).shape();
        Latent activation = Latent.wrap((int) shape[1], (int) shape[2], (int) shape[3],
                captured.get(tensor).floats().clone());
        Target target = channels == null ? spec.target() : new Target.All();
        BendSpec onLatent = new BendSpec(spec.operators(), spec.layers(), target, spec.sources());
        BendProgram.compile(List.of(onLatent)).forFrame(3, 0, params).bend(layer, layers, activation);

        float[] graph = captured.get(SiteGraphRewriter.bentTensor(0)).floats();
        float[] inJava = activation.data();
        float[] before = captured.get(tensor).floats();
        int plane = (int) (shape[2] * shape[3]);
        boolean untouched = true;
        if (channels != null) {
            inJava = inJava.clone();
            for (int c = 0; c < shape[1]; c++) {
                boolean chosen = Arrays.binarySearch(channels, c) >= 0;
                if (!chosen) {
                    System.arraycopy(before, c * plane, inJava, c * plane, plane);
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        untouched &= Float.floatToRawIntBits(graph[i]) == Float.floatToRawIntBits(before[i]);
                    }
                }
            }
        }
        double worst = 0;
        double changed = 0;
        for (int i = 0; i < inJava.length; i++) {
            worst = Math.max(worst, Math.abs(graph[i] - inJava[i]) / (1 + Math.abs(inJava[i])));
            changed = Math.max(changed, Math.abs(graph[i] - before[i]));
        }
        return new Compared(worst, changed, untouched);
    }

    @Test
    void bothGuidanceHalvesAndEveryBatchRowGetTheirFramesValues() {
        BendProgram program = BendProgram.parse("multiply@every/mid=2.5", "rotate-r1@2-6/down.0=1");
        List<FrameRequest> requests = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            requests.add(request(program.forFrame(5, f, program.constantParameters()), f));
        }
        List<RgbImage> batch = SD.generateBatch(requests);
        for (int f = 0; f < 3; f++) {
            assertArrayEquals(SD.generate(requests.get(f)).pixels(), batch.get(f).pixels(), "frame " + f);
        }
    }

    /**
     * The same bend at the first down block and at the last up block: early in the U-Net it changes where the
     * shapes are (structure: 1 - edge-map correlation with the unbent frame), late mostly their colours. Both
     * change the pixels; structure per level of mean pixel change is what tells them apart.
     */
    @Test
    void anEarlyDownBlockBendChangesCompositionMoreThanTheLastUpBlock() {
        for (String bend : List.of("rotate-r1@every/SITE=pi/2", "rotate-r4@every/SITE=pi", "hadamard@every/SITE")) {
            double[] early = change(bend.replace("SITE", "down.0"));
            double[] late = change(bend.replace("SITE", "up.2"));
            System.out.printf("%s: down.0 pixels %.1f levels, structure %.3f; up.2 pixels %.1f levels, structure %.3f%n",
                    bend, early[0], early[1], late[0], late[1]);
            assertTrue(early[0] > 5 && late[0] > 5, bend + ": both change the frame");
            assertTrue(early[1] > late[1] + 0.15, bend + ": the early site moves the shapes more: " + early[1]
                    + " vs " + late[1]);
            assertTrue(early[1] / early[0] > 1.3 * late[1] / late[0], bend + ": structure per level of pixel change");
        }
    }

    /** {mean pixel change, structure change} of a bend against the unbent frame, averaged over three frames. */
    private static double[] change(String bend) {
        BendProgram program = BendProgram.parse(bend);
        double pixels = 0;
        double structure = 0;
        for (int frame = 0; frame < 3; frame++) {
            FrameRequest.Builder base = FrameRequest.builder("3D mesh geometry").seed(3).frameIndex(frame).steps(25);
            RgbImage plain = SD.generate(base.build());
            RgbImage bent = SD.generate(base.bender(program.forFrame(3, frame, program.constantParameters())).build());
            pixels += Frames.pixelDifference(plain, bent) / 3;
            structure += (1 - Frames.edgeCorrelation(plain, bent)) / 3;
        }
        return new double[] {pixels, structure};
    }

    @Test
    void anUnknownSiteIsNamedWithTheModelsSites() {
        BendProgram program = BendProgram.parse("multiply@every/down.7=2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> render(program.forFrame(5, 0, program.constantParameters()), 0));
        assertTrue(e.getMessage().contains("unknown site 'down.7'") && e.getMessage().contains("up.1.attn.0"),
                e.getMessage());
    }

    private static RgbImage render(LatentBender bender, int frame) {
        return SD.generate(request(bender, frame));
    }

    private static FrameRequest request(LatentBender bender, int frame) {
        return FrameRequest.builder(PROMPT).seed(11).frameIndex(frame).steps(12).bender(bender).build();
    }

    private static float[] noise(int n) {
        KeyedRandom random = KeyedRandom.of(9, 0, "site-test");
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
