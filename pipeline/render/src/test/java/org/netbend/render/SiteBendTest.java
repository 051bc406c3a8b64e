package org.netbend.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.bend.BendParser;
import org.netbend.bend.BendProgram;
import org.netbend.bend.BendSpec;
import org.netbend.core.KeyedRandom;
import org.netbend.core.Latent;
import org.netbend.core.LatentBender;
import org.netbend.core.RgbImage;
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

    @Test
    void identityParametersGiveBitIdenticalFrames() {
        BendProgram identity = BendProgram.parse("multiply@every/mid=1", "add@every/down.0=0",
                "rotate-r1@every/up.2=0", "add@0-10/up.1:region(0,0,0.5,1,0.1)=0",
                "multiply@3-7/down.1:channels(1..2)=1", "rotate(0,3)@every/up.1.attn.0:region(0.2,0.2,0.8,0.6)=0");
        for (int frame = 0; frame < 2; frame++) {
            RgbImage plain = render(LatentBender.NONE, frame);
            RgbImage bent = render(identity.forFrame(5, frame, identity.constantParameters()), frame);
            assertArrayEquals(plain.pixels(), bent.pixels(), "frame " + frame);
        }
        BendProgram real = BendProgram.parse("multiply@every/mid=3");
        assertFalse(java.util.Arrays.equals(render(LatentBender.NONE, 0).pixels(),
                render(real.forFrame(5, 0, real.constantParameters()), 0).pixels()), "a real bend changes the frame");
    }

    /** An fp16 export: parameters are fed in the declared type of the site tensor, identity stays exact. */
    @Test
    void siteBendsRunOnAnFp16Export() {
        StableDiffusion fp16 = ToyModels.open(org.netbend.render.toy.ToyModelSpec.DEFAULT.withFp16(true));
        BendProgram identity = BendProgram.parse("multiply@every/mid=1", "rotate-r1@every/down.0:region(0,0,0.5,1,0.2)=0");
        BendProgram real = BendProgram.parse("multiply@every/mid=2", "rotate-r1@every/down.0:region(0,0,0.5,1,0.2)=1");
        FrameRequest.Builder base = FrameRequest.builder(PROMPT).seed(11).steps(8);
        byte[] plain = fp16.generate(base.build()).pixels();
        assertArrayEquals(plain, fp16.generate(base.bender(identity.forFrame(5, 0, identity.constantParameters()))
                .build()).pixels());
        assertFalse(java.util.Arrays.equals(plain, fp16.generate(base.bender(real.forFrame(5, 0,
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
                "rotate-r4@0/up.1:region(0.1,0.1,0.9,0.9)=2", "hadamard@0/down.0:region(0,0.5,1,1,0.3)");
        for (String text : specs) {
            BendSpec spec = BendParser.parse(text);
            BendProgram program = BendProgram.compile(List.of(spec));
            double[][] params = program.constantParameters();
            UnetBender bender = (UnetBender) program.forFrame(3, 0, params);
            String tensor = SD.siteModels().sites().tensor(spec.site());

            Map<String, Tensor> feed = SD.probeFeed(512, 512);
            feed.put("sample", Tensor.floats(noise(4 * 64 * 64), 1, 4, 64, 64));
            feed.put("timestep", Tensor.longs(new long[] {501}, 1));
            feed.put("encoder_hidden_states", Tensor.floats(SD.embedding(PROMPT), 1, 77, SD.info().textWidth()));
            SiteFeeder.of(List.of((LatentBender) bender), false).feed(feed, 0, 1);
            Map<String, Tensor> captured;
            try (OnnxModel model = SD.siteModels().openRewritten(SiteGraphRewriter.withOutputs(
                    SiteGraphRewriter.withEdits(SD.siteModels().sites(), bender.siteEdits()),
                    List.of(tensor, SiteGraphRewriter.bentTensor(0))), "capture")) {
                captured = model.runAll(feed, List.of(tensor, SiteGraphRewriter.bentTensor(0)));
            }
            long[] shape = captured.get(tensor).shape();
            Latent activation = Latent.wrap((int) shape[1], (int) shape[2], (int) shape[3],
                    captured.get(tensor).floats().clone());
            BendSpec onLatent = new BendSpec(spec.operators(), spec.layers(), spec.target(), spec.sources());
            BendProgram.compile(List.of(onLatent)).forFrame(3, 0, params).bend(0, 1, activation);

            float[] graph = captured.get(SiteGraphRewriter.bentTensor(0)).floats();
            float[] java = activation.data();
            double worst = 0;
            double changed = 0;
            float[] before = captured.get(tensor).floats();
            for (int i = 0; i < java.length; i++) {
                worst = Math.max(worst, Math.abs(graph[i] - java[i]) / (1 + Math.abs(java[i])));
                changed = Math.max(changed, Math.abs(graph[i] - before[i]));
            }
            assertTrue(worst < 2e-6, text + ": graph and Java differ by " + worst);
            assertTrue(changed > 1e-3, text + ": the bend changed nothing (" + changed + ")");
        }
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
