package org.netbend.bend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netbend.core.Latent;
import org.netbend.core.SiteEdit;
import org.netbend.core.UnetBender;

class SiteBendsTest {

    @Test
    void theIssuesExamplesParseAndRoundTrip() {
        BendSpec mid = BendParser.parse("multiply@0-10/mid=rms[1..3]");
        assertEquals("mid", mid.site());
        assertEquals(new Layers.Span(0, 10), mid.layers());
        assertEquals("multiply@0-10/mid=rms[1..3]", mid.canonical());
        BendSpec up = BendParser.parse("rotate(0,1)@every/up.1:channels(0..63)=centroid[0..pi]");
        assertEquals("up.1", up.site());
        assertEquals(new Target.Channels(0, 63), up.target());
        assertEquals(up, BendParser.parse(up.canonical()));
        assertEquals("add@3/up.2.attn.1:region(0,0,0.5,1)=1", BendParser.parse("add @ 3 / up.2.attn.1 : region(0,0,0.5,1) = 1").canonical());
    }

    @Test
    void yamlObjectsNameTheSite() {
        List<BendSpec> specs = BendYaml.parse("bends:\n  - {op: multiply, layer: \"0-10\", site: mid, source: \"rms[1..3]\"}\n"
                + "  - \"rotate-r1@every/up.1:channels(0..63)=0.5\"\n");
        assertEquals(BendParser.parse("multiply@0-10/mid=rms[1..3]"), specs.get(0));
        assertEquals("up.1", specs.get(1).site());
        assertThrows(BendSpecException.class, () -> BendYaml.parse("bends:\n  - {op: add, layer: 0, site: middle, source: 1}\n"));
    }

    @Test
    void latentBendsKeepTheirMeaningAndSpelling() {
        BendSpec latent = BendParser.parse("rotate-r1@40=rms[0..2pi]");
        assertFalse(latent.atSite());
        assertNull(latent.site());
        assertEquals("rotate-r1@40=rms[0..2pi]", latent.canonical());
        assertEquals(new BendSpec(latent.operators(), latent.layers(), latent.target(), latent.sources()), latent);
    }

    @Test
    void errorsNameTheBadToken() {
        assertMessage("multiply@0/middle=2", "bad site 'middle'");
        assertMessage("sobel@0/mid", "operator 'sobel' cannot act at a site; sites take: add, subtract");
        assertMessage("multiply>normalize@0/mid=2", "a site takes one operator");
        assertMessage("add@0/mid:rows(1..3)=1", "target 'rows(1..3)' cannot be used at a site");
        assertMessage("hadamard@0/mid:fraction(0.5)", "target channels(a..b) or all, not fraction(0.5)");
        assertMessage("add@final/mid=1", "'final' has no U-Net call");
        assertMessage("reflect(4)@0/mid", "four groups of channels (0..3)");
        assertMessage("rotate-r1@0/mid:channel(3)=1", "target channels(a..b) or all, not channel(3)");
        assertMessage("matrix(1,0,0,1)@0/mid", "16 entries");
        BendSpecException e = assertThrows(BendSpecException.class, () -> SiteBends.checkSites(
                List.of(BendParser.parse("add@0=1"), BendParser.parse("add@0/down.9=1")), List.of("down.0", "mid", "up.0")));
        assertEquals("bend 1 'add@0/down.9=1': unknown site 'down.9'; this model's sites: down.0, mid, up.0", e.getMessage());
    }

    @Test
    void editsAndValues() {
        BendProgram program = BendProgram.parse("add@0/mid=2", "multiply@1-2/up.0:channels(4..7)=3",
                "rotate-r4@every/down.1:region(0,0,0.5,1)=1.5707963267948966", "inversion@0/mid=0.5", "add@0=1");
        UnetBender bender = (UnetBender) program.forFrame(1, 0, program.constantParameters());
        assertEquals(List.of(new SiteEdit("mid", SiteEdit.Form.AFFINE, 0, -1, null),
                new SiteEdit("up.0", SiteEdit.Form.AFFINE, 4, 7, null),
                new SiteEdit("down.1", SiteEdit.Form.GROUP_MATRIX, 0, -1, new SiteEdit.Region(0, 0, 0.5, 1, 0)),
                new SiteEdit("mid", SiteEdit.Form.AFFINE, 0, -1, null)), bender.siteEdits());
        double[] add = SiteEdit.identityValues();
        add[17] = 2;
        assertArrayEquals(add, bender.siteValues(0, 0, 10));
        assertNull(bender.siteValues(0, 1, 10), "add acts at step 0 only");
        assertNull(bender.siteValues(1, 0, 10));
        assertEquals(3, bender.siteValues(1, 2, 10)[16]);
        double[] rotation = bender.siteValues(2, 5, 10);
        // R4 = rotation in the plane of groups 0 and 1: [[c,-s],[s,c]] with c = 0, s = 1
        assertEquals(-1, rotation[1], 1e-12);
        assertEquals(1, rotation[4], 1e-12);
        assertEquals(0, rotation[0], 1e-12);
        assertEquals(1, rotation[10], 1e-12);
        double[] inversion = bender.siteValues(3, 0, 10);
        assertEquals(-1, inversion[16]);
        assertEquals(2, inversion[17]);
    }

    /** A code field at a site: its field size, the code times the gain after the values, shut at gain 0 or code 0. */
    @Test
    void aCodeFieldAtASiteFeedsItsFieldBehindAGate() {
        String code = "1,0,0,2,0,0,0,-1,0,0,0,0,0,0,0,0.5";
        BendProgram program = BendProgram.parse("code-field(16,0.5)@every/mid:channels(8..15)=" + code,
                "code-field(16,0)@every/up.0=" + code, "code-field(16)@every/mid=" + "0,".repeat(15) + "0",
                "code-field(8)@0/down.1:fraction(0.5)=1,1,1,1,1,1,1,1");
        UnetBender bender = (UnetBender) program.forFrame(9, 0, program.constantParameters());
        assertEquals(new SiteEdit("mid", SiteEdit.Form.FIELD, 8, 15, null, 0, null, new SiteEdit.Field(2, 2)),
                bender.siteEdits().get(0));
        assertEquals(new SiteEdit.Field(1, 2), bender.siteEdits().get(3).field(), "D = 8: 4 x 1 x 2");
        double[] v = bender.siteValues(0, 3, 10);
        assertEquals(SiteEdit.VALUE_COUNT + 16, v.length);
        assertEquals(1, v[SiteEdit.GATE]);
        double[] field = Arrays.copyOfRange(v, SiteEdit.VALUE_COUNT, v.length);
        assertArrayEquals(new double[] {0.5, 0, 0, 1, 0, 0, 0, -0.5, 0, 0, 0, 0, 0, 0, 0, 0.25}, field);
        assertEquals(0, bender.siteValues(1, 3, 10)[SiteEdit.GATE], "gain 0 shuts the gate");
        assertEquals(0, bender.siteValues(2, 3, 10)[SiteEdit.GATE], "an all-zero code shuts the gate");
        assertNull(bender.siteValues(3, 1, 10), "acts at step 0 only");
    }

    @Test
    void nonlinearOperatorsAtSitesOpenTheirGateExceptAtTheirIdentity() {
        BendProgram program = BendProgram.parse("threshold@0/mid=0.5", "threshold@0/mid=0", "threshold-soft@0/up.0=0",
                "threshold-binary@0/mid=0", "erode@2/down.1:channel(3)", "dilate(3)@0/up.0:fraction(0.25)",
                "normalize(col)@0/mid", "normalize-max@0/mid", "normalize@0/mid");
        UnetBender bender = (UnetBender) program.forFrame(9, 0, program.constantParameters());
        List<SiteEdit> edits = bender.siteEdits();
        assertEquals(SiteEdit.Form.THRESHOLD, edits.get(0).form());
        assertEquals(new SiteEdit("down.1", SiteEdit.Form.ERODE, 3, 3, null, 4, null), edits.get(4));
        assertEquals(new SiteEdit("up.0", SiteEdit.Form.DILATE, 0, -1, null, 3, new SiteEdit.Fraction(0.25, 9)),
                edits.get(5), "a fraction without its own seed takes the job's");
        assertEquals(SiteEdit.Form.NORMALIZE_COL, edits.get(6).form());
        assertEquals(SiteEdit.Form.NORMALIZE_MAX, edits.get(7).form());
        assertEquals(SiteEdit.Form.NORMALIZE_CHANNEL, edits.get(8).form(), "normalize's default dimension");
        double[] open = bender.siteValues(0, 0, 10);
        assertEquals(0.5, open[SiteEdit.PARAMETER]);
        assertEquals(1, open[SiteEdit.GATE]);
        assertEquals(0, bender.siteValues(1, 0, 10)[SiteEdit.GATE], "threshold 0 is the identity");
        assertEquals(0, bender.siteValues(2, 0, 10)[SiteEdit.GATE], "threshold-soft 0 is the identity");
        assertEquals(1, bender.siteValues(3, 0, 10)[SiteEdit.GATE], "threshold-binary has no identity");
        assertEquals(1, bender.siteValues(4, 2, 10)[SiteEdit.GATE]);
        assertNull(bender.siteValues(4, 0, 10), "erode acts at step 2 only");
        assertEquals(0, SiteEdit.identityValues()[SiteEdit.GATE], "steps that do not act shut the gate");
    }

    @Test
    void channelTargetsAreCheckedAgainstTheSitesChannelCount() {
        Map<String, Integer> channels = Map.of("mid", 1280, "up.0", 6);
        SiteBends.checkChannels(List.of(BendParser.parse("add@0/mid:channels(0..1279)=1"),
                BendParser.parse("rotate-r1@0/mid=1"), BendParser.parse("multiply@0/up.0=2"),
                BendParser.parse("hadamard@0/up.0:channels(1..4)"), BendParser.parse("add@0=1")), channels);
        BendSpecException outside = assertThrows(BendSpecException.class, () -> SiteBends.checkChannels(
                List.of(BendParser.parse("threshold@0/mid:channels(1200..1300)=1")), channels));
        assertEquals("bend 0 'threshold@0/mid:channels(1200..1300)=1': site 'mid' has 1280 channels (0..1279), so the"
                + " target channels 1200..1300 lie outside it", outside.getMessage());
        BendSpecException groups = assertThrows(BendSpecException.class, () -> SiteBends.checkChannels(
                List.of(BendParser.parse("add@0=1"), BendParser.parse("rotate-r1@0/up.0=1")), channels));
        assertTrue(groups.getMessage().startsWith("bend 1 'rotate-r1@0/up.0=1': site 'up.0' has 6 channels; a channel"
                + " matrix mixes four equal groups of the target channels, and 6 is not a multiple of 4"),
                groups.getMessage());
    }

    @Test
    void aChannelFractionIsSeededPerSite() {
        SiteEdit.Fraction quarter = new SiteEdit.Fraction(0.25, 46);
        int[] mid = quarter.channels("mid", 1280);
        assertEquals(320, mid.length, "round(0.25 * 1280)");
        assertArrayEquals(mid, new SiteEdit.Fraction(0.25, 46).channels("mid", 1280), "the same channels every time");
        assertEquals(mid.length, Arrays.stream(mid).distinct().count());
        assertTrue(mid[0] >= 0 && mid[mid.length - 1] < 1280);
        assertFalse(Arrays.equals(mid, quarter.channels("up.1", 1280)), "another site draws anew");
        assertFalse(Arrays.equals(mid, new SiteEdit.Fraction(0.25, 47).channels("mid", 1280)));
        assertEquals(2, new SiteEdit.Fraction(0.3, 1).channels("mid", 6).length, "round(1.8)");
        assertEquals(0, new SiteEdit.Fraction(0, 1).channels("mid", 6).length);
        assertEquals(6, new SiteEdit.Fraction(1, 1).channels("mid", 6).length);
        // over many sites every channel is chosen about equally often
        int[] hits = new int[8];
        for (int site = 0; site < 4000; site++) {
            for (int c : new SiteEdit.Fraction(0.5, 46).channels("down." + site, 8)) {
                hits[c]++;
            }
        }
        for (int h : hits) {
            assertTrue(Math.abs(h - 2000) < 200, Arrays.toString(hits));
        }
    }

    @Test
    void siteBendsLeaveTheLatentAlone() {
        BendProgram program = BendProgram.parse("add@every/mid=5", "multiply@every/up.0=3");
        program.checkShape(4, 64, 64);
        Latent latent = new Latent(4, 8, 8);
        latent.data()[3] = 1.5f;
        Latent before = latent.copy();
        program.forFrame(1, 0, program.constantParameters()).bend(0, 10, latent);
        assertEquals(before, latent);
    }

    private static void assertMessage(String spec, String expected) {
        BendSpecException e = assertThrows(BendSpecException.class, () -> BendParser.parse(spec), spec);
        assertTrue(e.getMessage().contains(expected), spec + ": " + e.getMessage());
    }
}
